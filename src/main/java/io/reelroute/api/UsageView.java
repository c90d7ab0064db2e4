package io.reelroute.api;

import io.reelroute.quota.QuotaLedger;
import io.reelroute.quota.UsageLog;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/usage?month=YYYY-MM}: the caller's usage lines of a month with their total, and, for the
 * current month, the quota: budget, spent, held and remaining.
 */
public final class UsageView {
    private final UsageLog usage;
    private final QuotaLedger ledger;
    private final Clock clock;
    private final ZoneId zone;
    private final ApiReplies replies;

    public UsageView(UsageLog usage, QuotaLedger ledger, Clock clock, ZoneId zone, ApiReplies replies) {
        this.usage = usage;
        this.ledger = ledger;
        this.clock = clock;
        this.zone = zone;
        this.replies = replies;
    }

    public ApiReply usage(String userId, String month) {
        YearMonth current = YearMonth.now(clock.withZone(zone));
        YearMonth asked = month == null || month.isBlank() ? current : parse(month.trim());
        // usage timestamps are UTC instants; months are counted in the quota zone
        List<UsageLog.Entry> lines = usage.entries().stream().filter(e -> e.userId().equals(userId))
                .filter(e -> YearMonth.from(java.time.Instant.parse(e.ts()).atZone(zone)).equals(asked)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("month", asked.toString());
        body.put("jobs", lines.size());
        body.put("cost_usd", lines.stream().map(UsageLog.Entry::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
        body.put("lines", lines);
        if (asked.equals(current)) {
            QuotaLedger.Balance balance = ledger.balance(userId);
            Map<String, Object> quota = new LinkedHashMap<>();
            quota.put("budget_usd", balance.budgetUsd());
            quota.put("spent_usd", balance.spentUsd());
            quota.put("held_usd", balance.heldUsd());
            quota.put("remaining_usd", balance.remainingUsd());
            body.put("quota", quota);
        }
        return replies.json(200, body);
    }

    private static YearMonth parse(String month) {
        try {
            return YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid_input", "month '" + month + "' is not YYYY-MM, e.g. 2026-11",
                    "month");
        }
    }
}
