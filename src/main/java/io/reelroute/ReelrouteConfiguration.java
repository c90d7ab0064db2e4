package io.reelroute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.reelroute.api.ApiErrors;
import io.reelroute.api.ApiKeys;
import io.reelroute.api.ApiReplies;
import io.reelroute.api.BatchRequests;
import io.reelroute.api.CatalogView;
import io.reelroute.api.Estimates;
import io.reelroute.api.EventStreams;
import io.reelroute.api.HealthView;
import io.reelroute.api.HttpIntake;
import io.reelroute.api.JobControl;
import io.reelroute.api.JobViews;
import io.reelroute.api.OwnedJobs;
import io.reelroute.api.ServerErrors;
import io.reelroute.api.StoryRequests;
import io.reelroute.api.UsageView;
import io.reelroute.api.VideoFiles;
import io.reelroute.batch.BatchCsv;
import io.reelroute.batch.BatchIntake;
import io.reelroute.batch.BatchReport;
import io.reelroute.batch.BatchRows;
import io.reelroute.batch.BatchStore;
import io.reelroute.catalog.JobPlanner;
import io.reelroute.catalog.ModelCatalog;
import io.reelroute.delivery.Delivery;
import io.reelroute.delivery.JobOutcomes;
import io.reelroute.delivery.Repeats;
import io.reelroute.dispatch.Dispatcher;
import io.reelroute.files.BlobStore;
import io.reelroute.files.Workspace;
import io.reelroute.intake.InboxIntake;
import io.reelroute.intake.InboxScanner;
import io.reelroute.intake.Rejections;
import io.reelroute.job.InputInspection;
import io.reelroute.job.InputResolver;
import io.reelroute.job.JobIds;
import io.reelroute.job.Planning;
import io.reelroute.media.Ffmpeg;
import io.reelroute.media.FrameGrabber;
import io.reelroute.media.ImageInspector;
import io.reelroute.media.InterestPoint;
import io.reelroute.media.ClipJoiner;
import io.reelroute.media.FrameCheck;
import io.reelroute.media.LocalPreviewRenderer;
import io.reelroute.media.PlatformReframe;
import io.reelroute.media.Slideshow;
import io.reelroute.media.SoundtrackMixer;
import io.reelroute.media.MediaProbe;
import io.reelroute.notify.NotifySchedule;
import io.reelroute.notify.NotifyStore;
import io.reelroute.notify.ResultNotifier;
import io.reelroute.prompt.PromptEnricher;
import io.reelroute.prompt.ScenePromptWriter;
import io.reelroute.provider.ProviderRegistry;
import io.reelroute.provider.local.LocalPreviewProvider;
import io.reelroute.quota.Plans;
import io.reelroute.quota.QuotaEnricher;
import io.reelroute.quota.QuotaLedger;
import io.reelroute.quota.UsageLog;
import io.reelroute.recovery.Recovery;
import io.reelroute.spec.SpecReader;
import io.reelroute.store.Database;
import io.reelroute.store.JobStore;
import io.reelroute.story.StoryExports;
import io.reelroute.story.StoryIntake;
import io.reelroute.story.StoryPlanner;
import io.reelroute.story.StoryReader;
import io.reelroute.story.StoryReport;
import io.reelroute.story.StoryRunner;
import io.reelroute.story.StoryStore;
import io.reelroute.provider.CircuitBreaker;
import io.reelroute.provider.Downloader;
import io.reelroute.provider.ProviderClient;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.RemoteJobs;
import io.reelroute.provider.UploadCache;
import io.reelroute.provider.UploadEvents;
import io.reelroute.provider.fal.FalClient;
import io.reelroute.provider.gemini.GeminiClient;
import io.reelroute.provider.gemini.GeminiText;
import io.reelroute.provider.kie.KieClient;
import io.reelroute.provider.wavespeed.WaveSpeedClient;
import io.reelroute.store.StoredUploadCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Builds reelroute's beans from {@link Settings} and binds them under the names the routes use. Plain
 * constructor wiring, in dependency order, so that what the service runs is readable in one place.
 */
public final class ReelrouteConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = Settings.from(key -> Optional.ofNullable(
                context.getPropertiesComponent().resolveProperty(key).orElse(null)));
        Clock clock = Clock.systemUTC();
        Registry registry = context.getRegistry();

        Workspace workspace = new Workspace(settings.home()).create();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        Database database = new Database(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), 8);
        onStop(context, database::close);
        JobStore jobs = new JobStore(database, clock);
        Plans plans = Plans.load(settings.plansFile());
        QuotaLedger ledger = new QuotaLedger(plans, jobs, clock, settings.quotaZone());
        ModelCatalog catalog = ModelCatalog.load(settings.modelsFile());
        Function<String, Optional<String>> env = ProviderEndpoint.environment();
        ProviderRegistry providers = ProviderRegistry.fromCatalog(catalog, name -> env.apply(name).orElse(null),
                Set.of("local", "wavespeed", "fal", "kie", "gemini"),
                new CircuitBreaker(5, Duration.ofMinutes(1), clock));
        providers.logAvailability();

        Ffmpeg ffmpeg = Ffmpeg.locate(settings.ffmpegPath(), workspace.state().resolve("cache"));
        MediaProbe probe = new MediaProbe(ffmpeg);
        FrameGrabber frames = new FrameGrabber(ffmpeg);
        UsageLog usage = new UsageLog(workspace.usage().resolve("usage.jsonl"), json);
        // notify_url deliveries are recorded with the result flag and sent by the notify-send route
        NotifyStore notifications = new NotifyStore(database, json, clock);
        JobOutcomes outcomes = new JobOutcomes(workspace, jobs, ledger, usage, probe, json, notifications::record);
        registry.bind("resultNotifier", new ResultNotifier(notifications, jobs, workspace,
                new NotifySchedule(settings.notifyAttempts(), settings.notifyBackoff()), settings.notifySecret(),
                settings.notifyConsumers(), settings.notifyTimeout(), clock));

        registry.bind("settings", settings);
        registry.bind("ffmpeg", ffmpeg);
        registry.bind("jobStore", jobs);
        registry.bind("quotaLedger", ledger);
        registry.bind("modelCatalog", catalog);
        registry.bind("providerRegistry", providers);
        registry.bind("inboxScanner", new InboxScanner(workspace.inbox(), clock, settings.inboxStable(),
                settings.sidecarGrace(), settings.orphanSidecarGrace()));
        registry.bind("inboxIntake", new InboxIntake(workspace, new SpecReader(), jobs,
                new Rejections(workspace, json), settings.defaultUser()));
        InputResolver resolver = new InputResolver();
        InputInspection inspection = new InputInspection(new ImageInspector(ffmpeg, settings.imageMaxSide()),
                probe, new BlobStore(workspace.blobs()));
        Planning planning = new Planning(new JobPlanner(catalog), providers);
        registry.bind("inputResolver", resolver);
        registry.bind("inputInspection", inspection);
        registry.bind("planning", planning);
        // scene-animation prompts from a Gemini text model (same endpoint and key as the provider), on their own
        // timeout; the template when there is no key
        GeminiText sceneModel = new GeminiText(ProviderEndpoint.of(env, "GEMINI_BASE_URL",
                "https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY"),
                new ProviderHttp(json, settings.sceneLlmTimeout()));
        registry.bind("promptEnricher", new PromptEnricher(new ScenePromptWriter(sceneModel,
                settings.sceneLlmModel(), json)));
        registry.bind("quotaEnricher", new QuotaEnricher(jobs, ledger, new JobIds(clock), json));
        registry.bind("dispatcher", new Dispatcher(jobs, plans, providers));
        LocalPreviewRenderer renderer = new LocalPreviewRenderer(ffmpeg, workspace.state().resolve("cache"));
        registry.bind("localPreviewProvider", new LocalPreviewProvider(jobs, workspace, renderer));
        registry.bind("delivery", new Delivery(workspace, jobs, ledger, frames, outcomes));
        registry.bind("jobOutcomes", outcomes);
        registry.bind("repeats", new Repeats(workspace, jobs, outcomes));
        RemoteJobs remoteJobs = new RemoteJobs(jobs, workspace, providerClients(env, json, database, clock),
                catalog, providers, ledger, outcomes, new Downloader(new ProviderHttp(json, Duration.ofMinutes(30))),
                json, clock);
        registry.bind("remoteJobs", remoteJobs);
        registry.bind("recovery", new Recovery(jobs, outcomes, clock.instant()));
        // CSV batches: priced with the accept route's own steps, submitted through it row by row
        BatchStore batches = new BatchStore(database, ledger, clock);
        BatchReport batchReport = new BatchReport(workspace, batches);
        BatchIntake batchIntake = new BatchIntake(workspace, new BatchCsv(new SpecReader()), batches, batchReport,
                resolver, inspection, planning, ledger, new Rejections(workspace, json), new JobIds(clock), json,
                settings.defaultUser(), settings.inboxStable(), clock);
        registry.bind("batchIntake", batchIntake);
        registry.bind("batchRequests", new BatchRequests(workspace, batchIntake, batches, new ApiReplies(json), json,
                settings.httpMaxUploadBytes()));
        registry.bind("batchRows", new BatchRows(workspace, batches, json));
        registry.bind("batchReport", batchReport);
        bindStories(registry, settings, workspace, json, jobs, ledger, catalog, providers, ffmpeg, probe, renderer,
                clock);
        bindApi(context, settings, workspace, json, jobs, plans, ledger, catalog, providers, remoteJobs, usage, clock);
    }

    private static void onStop(CamelContext context, Runnable action) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                action.run();
            }
        });
    }

    /** The beans of the HTTP API (routes/rest-api.camel.yaml). */
    private static void bindApi(CamelContext context, Settings settings, Workspace workspace, ObjectMapper json,
                                JobStore jobs, Plans plans, QuotaLedger ledger, ModelCatalog catalog,
                                ProviderRegistry providers, RemoteJobs remoteJobs, UsageLog usage, Clock clock)
            throws Exception {
        Registry registry = context.getRegistry();
        ApiReplies replies = new ApiReplies(json);
        registry.bind("vertxOptions", ServerErrors.serverOptions(settings.httpMaxEventStreams()));
        context.addStartupListener(new ServerErrors(replies, settings.httpMaxBodyBytes()));
        OwnedJobs owned = new OwnedJobs(jobs);
        HttpIntake intake = new HttpIntake(workspace, new SpecReader(), replies, settings.httpMaxUploadBytes());
        JobViews views = new JobViews(owned, workspace, replies, json);
        registry.bind("apiReplies", replies);
        registry.bind("apiErrors", new ApiErrors(replies));
        registry.bind("apiKeys", new ApiKeys(plans));
        registry.bind("httpIntake", intake);
        registry.bind("jobViews", views);
        registry.bind("eventStreams", new EventStreams(owned, views, json, settings.httpMaxEventStreams(),
                Duration.ofMillis(250), Duration.ofSeconds(15)));
        registry.bind("jobControl", new JobControl(owned, remoteJobs, views, replies));
        registry.bind("estimates", new Estimates(jobs, ledger, intake, replies));
        registry.bind("catalogView", new CatalogView(catalog, providers, replies));
        registry.bind("usageView", new UsageView(usage, ledger, clock, settings.quotaZone(), replies));
        registry.bind("videoFiles", new VideoFiles(owned, workspace));
        registry.bind("healthView", new HealthView(providers, replies));
    }

    private static void bindStories(Registry registry, Settings settings, Workspace workspace, ObjectMapper json,
                                    JobStore jobs, QuotaLedger ledger, ModelCatalog catalog,
                                    ProviderRegistry providers, Ffmpeg ffmpeg, MediaProbe probe,
                                    LocalPreviewRenderer renderer, Clock clock) {
        StoryStore stories = new StoryStore(jobs.database(), ledger, clock);
        StoryReport report = new StoryReport(workspace, stories, jobs, json);
        StoryReader reader = new StoryReader(new SpecReader());
        StoryIntake intake = new StoryIntake(workspace, reader, new StoryPlanner(new JobPlanner(catalog), providers),
                stories, report, new ImageInspector(ffmpeg, settings.imageMaxSide()), probe,
                new BlobStore(workspace.blobs()), new Rejections(workspace, json), new JobIds(clock), json,
                settings.defaultUser());
        registry.bind("storyIntake", intake);
        registry.bind("storyRequests", new StoryRequests(workspace, reader, intake, stories, new ApiReplies(json),
                json, settings.httpMaxUploadBytes()));
        StoryExports exports = new StoryExports(new Slideshow(ffmpeg), new ClipJoiner(ffmpeg),
                new SoundtrackMixer(ffmpeg), new PlatformReframe(ffmpeg), new InterestPoint(ffmpeg), renderer, probe);
        registry.bind("storyRunner", new StoryRunner(stories, jobs, workspace, catalog, exports, report,
                new FrameCheck(ffmpeg), renderer, json, settings.storyTextFallbackModel()));
    }

    /** The remote providers' clients, with endpoints and keys from the environment (CONTRACT 1). */
    private static Map<String, ProviderClient> providerClients(Function<String, Optional<String>> env,
                                                               ObjectMapper json, Database database, Clock clock) {
        ProviderHttp http = new ProviderHttp(json, Duration.ofSeconds(60));
        UploadCache uploads = new UploadEvents(new StoredUploadCache(database, clock));
        return Map.of(
                "wavespeed", new WaveSpeedClient(ProviderEndpoint.of(env, "WAVESPEED_BASE_URL",
                        "https://api.wavespeed.ai/api/v3", "WAVESPEED_API_KEY"), http, uploads),
                "fal", new FalClient(
                        ProviderEndpoint.of(env, "FAL_QUEUE_BASE_URL", "https://queue.fal.run", "FAL_KEY"),
                        ProviderEndpoint.of(env, "FAL_REST_BASE_URL", "https://rest.fal.ai", "FAL_KEY"), http, uploads),
                "kie", new KieClient(ProviderEndpoint.of(env, "KIE_BASE_URL", "https://api.kie.ai", "KIE_API_KEY"),
                        ProviderEndpoint.of(env, "KIE_UPLOAD_BASE_URL", "https://kieai.redpandaai.co", "KIE_API_KEY"),
                        http, uploads),
                "gemini", new GeminiClient(ProviderEndpoint.of(env, "GEMINI_BASE_URL",
                        "https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY"), http));
    }
}
