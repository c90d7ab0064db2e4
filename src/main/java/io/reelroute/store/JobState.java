package io.reelroute.store;

import java.util.Locale;

/**
 * Where a job is. {@code queued} → {@code running} (at its provider) → {@code generated} (the clip is on our
 * disk) → {@code completed}; or {@code failed} / {@code cancelled}. A remote job passes {@code submitting}
 * (recorded before the submit call, so a crash during it is known to be ambiguous) before {@code running},
 * and {@code downloading} after it. {@code waiting} is a repeat of an earlier job that is still in progress:
 * it is answered from that job's result and never generated.
 */
public enum JobState {
    QUEUED, SUBMITTING, RUNNING, DOWNLOADING, GENERATED, WAITING, COMPLETED, FAILED, CANCELLED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
