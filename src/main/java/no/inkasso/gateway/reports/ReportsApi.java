package no.inkasso.gateway.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.inkasso.gateway.api.ApiReply;
import no.inkasso.gateway.api.Problem;
import no.inkasso.gateway.api.ProblemType;
import no.inkasso.gateway.cases.CaseStore;
import no.inkasso.gateway.claims.FieldError;
import no.inkasso.gateway.security.GatewayClient;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/v1/reports/...} and {@code GET /api/v1/claims/{caseId}/timeline}: the creditor
 * reports, as JSON (default) or CSV ({@code format=csv}, or {@code Accept: text/csv}).
 */
@Component("reportsApi")
public class ReportsApi {

    static final int DEFAULT_LIMIT = 10_000;
    static final int MAX_LIMIT = 100_000;
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    private final CreditorReports reports;
    private final CaseStore cases;

    public ReportsApi(CreditorReports reports, CaseStore cases) {
        this.reports = reports;
        this.cases = cases;
    }

    public ApiReply openCases(String creditor, String from, String to, String limit, String format, String accept, GatewayClient client) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate fromDate = date(from, "invoiceDateFrom", errors, true);
        LocalDate toDate = date(to, "invoiceDateTo", errors, true);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            errors.add(FieldError.of("/invoiceDateTo", "invalid-range", "invoiceDateTo is before invoiceDateFrom"));
        }
        return run(creditor, limit, format, accept, client, errors,
                n -> reports.openCases(creditor, fromDate, toDate, n), "open-cases", CreditorReports.OPEN_CASE_COLUMNS,
                Map.of("invoiceDateFrom", String.valueOf(fromDate), "invoiceDateTo", String.valueOf(toDate)));
    }

    public ApiReply status(String creditor, String month, String limit, String format, String accept, GatewayClient client) {
        List<FieldError> errors = new ArrayList<>();
        YearMonth ym = null;
        if (month == null || month.isBlank()) {
            errors.add(FieldError.of("/month", "required", "month is required (yyyy-MM)"));
        } else {
            try {
                ym = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                errors.add(FieldError.of("/month", "invalid-month", "month is yyyy-MM (was '" + month + "')"));
            }
        }
        YearMonth chosen = ym;
        return run(creditor, limit, format, accept, client, errors, n -> reports.status(creditor, chosen, n), "status",
                CreditorReports.STATUS_COLUMNS, Map.of("month", String.valueOf(chosen)));
    }

    public ApiReply remittance(String creditor, String week, String from, String to, String limit, String format, String accept,
                               GatewayClient client) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate fromDate = null;
        LocalDate toDate = null;
        if (week != null && !week.isBlank()) {
            Matcher m = WEEK.matcher(week);
            if (!m.matches()) {
                errors.add(FieldError.of("/week", "invalid-week", "week is an ISO week, yyyy-Www (was '" + week + "')"));
            } else {
                try {
                    fromDate = LocalDate.of(Integer.parseInt(m.group(1)), 6, 1)
                            .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(m.group(2))).with(DayOfWeek.MONDAY);
                    if (fromDate.get(IsoFields.WEEK_BASED_YEAR) != Integer.parseInt(m.group(1))) {
                        throw new java.time.DateTimeException("no such week");
                    }
                    toDate = fromDate.plusDays(6);
                } catch (java.time.DateTimeException e) {
                    errors.add(FieldError.of("/week", "invalid-week", "week " + week + " does not exist"));
                }
            }
        } else {
            fromDate = date(from, "from", errors, false);
            toDate = date(to, "to", errors, false);
            if (fromDate == null && toDate == null && errors.isEmpty()) {
                errors.add(FieldError.of("/week", "required", "name a week (yyyy-Www) or a period (from, to)"));
            } else if (errors.isEmpty() && (fromDate == null || toDate == null)) {
                errors.add(FieldError.of(fromDate == null ? "/from" : "/to", "required", "a period names both from and to"));
            } else if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
                errors.add(FieldError.of("/to", "invalid-range", "to is before from"));
            }
        }
        LocalDate f = fromDate;
        LocalDate t = toDate;
        return run(creditor, limit, format, accept, client, errors, n -> reports.remittance(creditor, f, t, n), "remittance",
                CreditorReports.REMITTANCE_COLUMNS, Map.of("from", String.valueOf(f), "to", String.valueOf(t)));
    }

    public ApiReply timeline(String caseId, String format, String accept, GatewayClient client) {
        var found = cases.find(caseId);
        if (found.isEmpty() || !client.mayRead(found.get().creditorOrg())) {
            return ApiReply.problem(Problem.of(ProblemType.NOT_FOUND, "No case " + caseId + " for this client."));
        }
        List<Map<String, Object>> entries = reports.timeline(caseId);
        if (csv(format, accept)) {
            List<Map<String, Object>> rows = entries.stream().map(e -> {
                Map<String, Object> row = new LinkedHashMap<>(e);
                row.put("detail", no.inkasso.gateway.api.ApiJson.mapper().valueToTree(e.get("detail")).toString());
                return row;
            }).toList();
            return ApiReply.bytes("text/csv; charset=UTF-8", Csv.write(CreditorReports.TIMELINE_COLUMNS, rows))
                    .withHeader("Content-Disposition", "attachment; filename=\"case-" + caseId + "-timeline.csv\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseId", caseId);
        body.put("state", found.get().state().name());
        body.put("entries", entries);
        return ApiReply.json(200, body);
    }

    private interface Query {
        CreditorReports.Rows run(int limit);
    }

    private ApiReply run(String creditor, String limit, String format, String accept, GatewayClient client, List<FieldError> errors,
                         Query query, String name, List<String> columns, Map<String, String> parameters) {
        if (creditor == null || creditor.isBlank()) {
            errors.add(0, FieldError.of("/creditor", "required", "creditor (organisation number) is required"));
        }
        int max = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Integer.parseInt(limit);
                if (max < 1 || max > MAX_LIMIT) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                errors.add(FieldError.of("/limit", "invalid-limit", "limit is 1 to " + MAX_LIMIT));
            }
        }
        if (format != null && !format.isBlank() && !format.equals("json") && !format.equals("csv")) {
            errors.add(FieldError.of("/format", "invalid-format", "format is json or csv"));
        }
        if (!errors.isEmpty()) {
            return ApiReply.problem(Problem.of(ProblemType.INVALID_QUERY, "The report's parameters are not usable.").withErrors(errors));
        }
        if (!client.mayRead(creditor)) {
            return ApiReply.problem(Problem.of(ProblemType.FORBIDDEN, "This client does not act for creditor " + creditor + "."));
        }
        CreditorReports.Rows rows = query.run(max);
        if (csv(format, accept)) {
            return ApiReply.bytes("text/csv; charset=UTF-8", Csv.write(columns, rows.rows()))
                    .withHeader("Content-Disposition", "attachment; filename=\"" + name + "-" + creditor + ".csv\"")
                    .withHeader("X-Report-Truncated", String.valueOf(rows.truncated()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("report", name);
        body.put("creditor", creditor);
        body.putAll(parameters);
        body.put("summary", rows.summary());
        body.put("truncated", rows.truncated());
        body.put("rows", rows.rows());
        return ApiReply.json(200, body);
    }

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return format.equals("csv");
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    private static LocalDate date(String text, String name, List<FieldError> errors, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(FieldError.of("/" + name, "required", name + " is required (yyyy-MM-dd)"));
            }
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of("/" + name, "invalid-date", name + " is a date, yyyy-MM-dd (was '" + text + "')"));
            return null;
        }
    }
}
