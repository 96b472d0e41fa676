package no.inkasso.gateway.eligibility;

import static no.inkasso.gateway.claims.model.NoticeKind.BETALINGSOPPFORDRING;
import static no.inkasso.gateway.claims.model.NoticeKind.INKASSOKRAV;
import static no.inkasso.gateway.claims.model.NoticeKind.INKASSOVARSEL;
import static no.inkasso.gateway.claims.model.NoticeKind.PAMINNELSE;
import static no.inkasso.gateway.claims.model.NoticeKind.REMINDER;
import static no.inkasso.gateway.claims.model.PaymentKind.CREDIT_NOTE;
import static no.inkasso.gateway.claims.model.PaymentKind.PAYMENT;
import static no.inkasso.gateway.eligibility.ClaimFixture.address;
import static no.inkasso.gateway.eligibility.RuleOutcome.NOT_YET;
import static no.inkasso.gateway.eligibility.RuleOutcome.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.ClaimType;
import no.inkasso.gateway.claims.model.NationalIdScheme;
import no.inkasso.gateway.claims.model.PostalAddress;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven tests of {@link EligibilityRules#decide}: one row per case, with exact dates.
 *
 * <p>Agencies and agreements come from the fixed {@code src/test/resources/eligibility/agencies.yml}:
 * creditor 923609016 → no-standard (grace 5, 14 days, 100..1 000 000 NOK, refuses debtors abroad, minors
 * FLAG), 111111111 → no-strict (grace 0, 21 days, 500..50 000, reminder required, refuses RENT/ENERGY,
 * takes debtors abroad, minors REJECT), 222222222 → no-standard until 2025-12-31 then no-strict,
 * 333333333 → no-standard for RENT only, 5560360793 → se-standard for SE debtors (reminder required,
 * refuses RENT/CONSUMER_CREDIT/ENERGY, minors REJECT), 5560743089 → se-lenient (grace 3, no limits).
 * Rates and fees come from {@code config/rules}.
 *
 * <p>Every expected amount was worked out by hand / with Python {@code fractions.Fraction}, not read
 * from the engine: interest = principal × rate × days / 365 for each rate period (days counted from the
 * day after the due date up to and including the as-of date), rounded HALF_UP once on the total; the
 * Norwegian collection fee ceiling = inkassosats × bracket factor (× 1.5 business, × 1.25 creditor not
 * VAT-registered) rounded HALF_UP; total = principal + interest + notice fees + collection fee.
 */
class EligibilityRulesTest {

    static final Path RULES_DIR = Path.of("config/rules");
    static final Path TEST_AGENCIES = Path.of("src/test/resources/eligibility/agencies.yml");

    static final EligibilityRules RULES = new EligibilityRules(RuleFiles.load(RULES_DIR, TEST_AGENCIES));

    /** The test agencies plus creditor 444444444, whose agreement with no-standard ran 2024-01-01..2025-02-28. */
    static final EligibilityRules ENDED = new EligibilityRules(RuleFiles.load(RULES_DIR, agenciesWithEndedAgreement()));

    static final String STRICT = "111111111";
    static final String MOVED = "222222222";
    static final String RENT_ONLY = "333333333";
    static final String ENDED_CREDITOR = "444444444";
    static final String SE_LENIENT = "5560743089";

    // ================================================================================================
    // Days after the due date
    // ================================================================================================

    static Stream<Row> daysAfterDue() {
        return Stream.of(
                // due 2025-01-15; day 13 = 2025-01-28 (law: from day 14 = 2025-01-29); varsel deadline
                // 2025-01-30 + grace 5 = 2025-02-04, the later of the two
                row("NO day 13 after due: too soon, varsel deadline running",
                        no().varsel("2025-01-16", "2025-01-30"), "2025-01-28",
                        notYet("2025-02-04", "TOO_SOON_AFTER_DUE", "NOTICE_DEADLINE_NOT_PASSED")
                                .rule("days-after-due", NOT_YET, "2025-01-29")),
                // day 14 = 2025-01-29: the 14 days have passed; only the varsel (until 2025-02-04) waits
                row("NO day 14 after due: the 14 days are met",
                        no().varsel("2025-01-16", "2025-01-30"), "2025-01-29",
                        notYet("2025-02-04", "NOTICE_DEADLINE_NOT_PASSED").rule("days-after-due", PASS)),
                // day 20 = 2025-02-04 = varsel deadline 2025-01-30 + 5
                // interest 1000 × 12.5% × 20/365 = 6.85; ceiling 700 × 0.35 = 245.00; total 1000 + 6.85 + 0 + 245 = 1251.85
                row("NO day 20: varsel deadline + grace 5 reached",
                        no().varsel("2025-01-16", "2025-01-30"), "2025-02-04",
                        eligible("1000.00", "6.85", "0.00", "245.00", "1251.85").rule("days-after-due", PASS)),
                // no-strict: 21 days → from 2025-02-05; reminder deadline 2025-01-23 + 1, varsel 2025-01-30 + 1 = 2025-01-31
                row("no-strict day 20: agency's 21 days not yet",
                        strict().notice(REMINDER, "2025-01-16", "2025-01-23", null).varsel("2025-01-16", "2025-01-30"), "2025-02-04",
                        notYet("2025-02-05", "TOO_SOON_AFTER_DUE").rule("days-after-due", NOT_YET, "2025-02-05").agency("no-strict")),
                // day 21 = 2025-02-05
                // interest 1000 × 12.5% × 21/365 = 7.19; ceiling 700 × 0.35 = 245.00; total 1000 + 7.19 + 0 + 245 = 1252.19
                row("no-strict day 21: eligible",
                        strict().notice(REMINDER, "2025-01-16", "2025-01-23", null).varsel("2025-01-16", "2025-01-30"), "2025-02-05",
                        eligible("1000.00", "7.19", "0.00", "245.00", "1252.19").agency("no-strict")),
                // day 14 (2025-01-29) meets the law but not no-strict's 21 days (2025-02-05); varsel from 2025-01-31
                row("no-strict day 14: the agency's minimum (21) wins over the law's (14)",
                        strict().notice(REMINDER, "2025-01-16", "2025-01-23", null).varsel("2025-01-16", "2025-01-30"), "2025-01-29",
                        notYet("2025-02-05", "TOO_SOON_AFTER_DUE", "NOTICE_DEADLINE_NOT_PASSED")
                                .rule("days-after-due", NOT_YET, "2025-02-05")),
                // Sweden: the due date must have passed → from 2025-03-11
                row("SE day 0 (the due date itself): not yet",
                        seLenient(), "2025-03-10",
                        notYet("2025-03-11", "TOO_SOON_AFTER_DUE").agency("se-lenient")),
                row("SE before the due date: not yet",
                        seLenient(), "2025-03-05",
                        notYet("2025-03-11", "TOO_SOON_AFTER_DUE")),
                // interest 1000 × 11% × 1/365 = 0.30; inkassoavgift 180; total 1000 + 0.30 + 0 + 180 = 1180.30
                row("SE day 1: eligible",
                        seLenient(), "2025-03-11",
                        eligible("1000.00", "0.30", "0.00", "180.00", "1180.30").agency("se-lenient")));
    }

    // ================================================================================================
    // Inkassovarsel
    // ================================================================================================

    static Stream<Row> inkassovarsel() {
        return Stream.of(
                row("no inkassovarsel", no(), "2025-03-01", rejected("NO_NOTICE")),
                row("varsel sent on the due date", no().varsel("2025-01-15", "2025-01-29"), "2025-03-01",
                        rejected("NOTICE_BEFORE_DUE")),
                row("varsel sent before the due date", no().varsel("2025-01-10", "2025-01-31"), "2025-03-01",
                        rejected("NOTICE_BEFORE_DUE")),
                // 2025-02-01 + 13 days = 2025-02-14
                row("varsel deadline 13 days", no().varsel("2025-02-01", "2025-02-14"), "2025-03-01",
                        rejected("NOTICE_DEADLINE_TOO_SHORT")),
                // 2025-02-01 + 14 = 2025-02-15, + grace 5 = 2025-02-20
                // interest 1000 × 12.5% × 36/365 = 12.33; ceiling 700 × 0.35 = 245.00; total 1000 + 12.33 + 0 + 245 = 1257.33
                row("varsel deadline 14 days, deadline + 5 reached", ready(), "2025-02-20",
                        eligible("1000.00", "12.33", "0.00", "245.00", "1257.33")),
                row("varsel deadline day itself", ready(), "2025-02-15",
                        notYet("2025-02-20", "NOTICE_DEADLINE_NOT_PASSED")),
                row("varsel deadline + 4 (grace 5)", ready(), "2025-02-19",
                        notYet("2025-02-20", "NOTICE_DEADLINE_NOT_PASSED")),
                // no deadline: 2025-02-01 + 14 = 2025-02-15 assumed, + 5 = 2025-02-20
                row("varsel without a deadline: legal minimum assumed (not yet)", no().varsel("2025-02-01", null), "2025-02-19",
                        notYet("2025-02-20", "NOTICE_DEADLINE_NOT_PASSED").summary("the legal minimum of 14 days assumed")),
                // interest 1000 × 12.5% × 36/365 = 12.33; ceiling 245.00; total 1257.33
                row("varsel without a deadline: legal minimum assumed (eligible)", no().varsel("2025-02-01", null), "2025-02-20",
                        eligible("1000.00", "12.33", "0.00", "245.00", "1257.33")),
                // no-strict, grace 0: deadline 2025-02-10 → from 2025-02-11
                row("grace 0: the deadline day itself", strictReady(), "2025-02-10",
                        notYet("2025-02-11", "NOTICE_DEADLINE_NOT_PASSED")),
                // interest 1000 × 12.5% × 27/365 = 9.25; ceiling 245.00; total 1000 + 9.25 + 245 = 1254.25
                row("grace 0: the day after the deadline", strictReady(), "2025-02-11",
                        eligible("1000.00", "9.25", "0.00", "245.00", "1254.25").agency("no-strict")),
                // the later valid varsel (deadline 2025-03-01, + 5 = 2025-03-06) counts
                row("two valid varsels: the latest counts",
                        no().varsel("2025-02-01", "2025-02-15").varsel("2025-02-10", "2025-03-01"), "2025-02-25",
                        notYet("2025-03-06", "NOTICE_DEADLINE_NOT_PASSED")),
                row("two valid varsels, recorded out of order: the latest counts",
                        no().varsel("2025-02-10", "2025-03-01").varsel("2025-02-01", "2025-02-15"), "2025-02-25",
                        notYet("2025-03-06", "NOTICE_DEADLINE_NOT_PASSED")),
                // the later one is invalid (7 days) → the earlier valid one (from 2025-02-20) counts
                // interest 1000 × 12.5% × 36/365 = 12.33; ceiling 245.00; total 1257.33
                row("valid varsel then a too-short one: the latest valid counts",
                        no().varsel("2025-02-01", "2025-02-15").varsel("2025-02-10", "2025-02-17"), "2025-02-20",
                        eligible("1000.00", "12.33", "0.00", "245.00", "1257.33")),
                // first before due (invalid), second 2025-01-20 → 2025-02-03 (14 days), + 5 = 2025-02-08
                // interest 1000 × 12.5% × 24/365 = 8.22; ceiling 245.00; total 1000 + 8.22 + 245 = 1253.22
                row("varsel before due then a valid one",
                        no().varsel("2025-01-10", "2025-01-31").varsel("2025-01-20", "2025-02-03"), "2025-02-08",
                        eligible("1000.00", "8.22", "0.00", "245.00", "1253.22")),
                row("varsel before due then one too short",
                        no().varsel("2025-01-10", "2025-01-31").varsel("2025-02-01", "2025-02-10"), "2025-03-01",
                        rejected("NOTICE_DEADLINE_TOO_SHORT")));
    }

    // ================================================================================================
    // Reminder required by the agency or the ledger
    // ================================================================================================

    static Stream<Row> reminderRequired() {
        return Stream.of(
                row("no-strict requires a reminder: none", strict().varsel("2025-01-20", "2025-02-10"), "2025-03-01",
                        rejected("REMINDER_REQUIRED")),
                row("no-strict: a reminder on the due date does not count",
                        strict().notice(REMINDER, "2025-01-15", "2025-01-29", null).varsel("2025-01-20", "2025-02-10"), "2025-03-01",
                        rejected("REMINDER_REQUIRED")),
                // reminder deadline 2025-03-03 + max(0, 1) = 2025-03-04
                row("no-strict: reminder deadline not passed",
                        strict().notice(REMINDER, "2025-02-10", "2025-03-03", null).varsel("2025-01-20", "2025-02-10"), "2025-03-03",
                        notYet("2025-03-04", "REMINDER_DEADLINE_NOT_PASSED")),
                // interest 1000 × 12.5% × 48/365 = 16.44; ceiling 245.00; total 1000 + 16.44 + 245 = 1261.44
                row("no-strict: reminder deadline passed",
                        strict().notice(REMINDER, "2025-02-10", "2025-03-03", null).varsel("2025-01-20", "2025-02-10"), "2025-03-04",
                        eligible("1000.00", "16.44", "0.00", "245.00", "1261.44")),
                // no deadline: sent 2025-02-20 + max(0, 1) = 2025-02-21
                row("no-strict: reminder without a deadline, the sending day",
                        strict().notice(REMINDER, "2025-02-20", null, null).varsel("2025-01-20", "2025-02-10"), "2025-02-20",
                        notYet("2025-02-21", "REMINDER_DEADLINE_NOT_PASSED")),
                row("ledger checkin requires a reminder: none", ready().source("checkin"), "2025-03-01",
                        rejected("REMINDER_REQUIRED")),
                // Checkin's reminder 8 days after due; its 35 fee is not allowed (needs 14 days); varsel 2025-02-21 + 5 = 2025-02-26
                // interest 1000 × 12.5% × 42/365 = 14.38; notice fees 0; ceiling 245.00; total 1000 + 14.38 + 245 = 1259.38
                row("ledger checkin: reminder 8 days after due, deadline passed",
                        no().source("checkin").notice(REMINDER, "2025-01-23", "2025-02-06", "35").varsel("2025-02-07", "2025-02-21"),
                        "2025-02-26",
                        eligible("1000.00", "14.38", "0.00", "245.00", "1259.38").feeLines("REMINDER 2025-01-23 35.00->0.00")),
                // reminder deadline 2025-03-06 + grace 5 (no-standard) = 2025-03-11
                row("ledger checkin: reminder deadline not passed (grace 5)",
                        ready().source("checkin").notice(REMINDER, "2025-02-20", "2025-03-06", null), "2025-03-06",
                        notYet("2025-03-11", "REMINDER_DEADLINE_NOT_PASSED")),
                // interest 1000 × 12.5% × 55/365 = 18.84; ceiling 245.00; total 1000 + 18.84 + 245 = 1263.84
                row("ledger checkin: reminder deadline + 5 reached",
                        ready().source("checkin").notice(REMINDER, "2025-02-20", "2025-03-06", null), "2025-03-11",
                        eligible("1000.00", "18.84", "0.00", "245.00", "1263.84")),
                // se-lenient requires none, the ledger does; påminnelse deadline 2025-03-25 + grace 3 = 2025-03-28
                row("ledger checkin, se-lenient: påminnelse deadline + 2 (grace 3)",
                        seLenient().source("checkin").notice(PAMINNELSE, "2025-03-15", "2025-03-25", null), "2025-03-27",
                        notYet("2025-03-28", "REMINDER_DEADLINE_NOT_PASSED")),
                // 1000 × 11% × 18/365 = 5.42; inkassoavgift 180; total 1000 + 5.42 + 180 = 1185.42
                row("ledger checkin, se-lenient: påminnelse deadline + 3 reached",
                        seLenient().source("checkin").notice(PAMINNELSE, "2025-03-15", "2025-03-25", null), "2025-03-28",
                        eligible("1000.00", "5.42", "0.00", "180.00", "1185.42")),
                row("se-standard requires a påminnelse: none", se().due("2025-03-10"), "2025-04-01",
                        rejected("REMINDER_REQUIRED").agency("se-standard")),
                // a generic REMINDER counts as the påminnelse: deadline 2025-03-25 + 1 = 2025-03-26
                row("se-standard: a REMINDER counts as the påminnelse",
                        se().due("2025-03-10").notice(REMINDER, "2025-03-15", "2025-03-25", null), "2025-03-25",
                        notYet("2025-03-26", "REMINDER_DEADLINE_NOT_PASSED")),
                // påminnelse deadline 2025-03-25 + 1 = 2025-03-26
                row("se-standard: påminnelse deadline day", seStandardReady(), "2025-03-25",
                        notYet("2025-03-26", "REMINDER_DEADLINE_NOT_PASSED")),
                // interest 1000 × 11% × 16/365 = 4.82; inkassoavgift 180; total 1000 + 4.82 + 180 = 1184.82
                row("se-standard: påminnelse deadline passed", seStandardReady(), "2025-03-26",
                        eligible("1000.00", "4.82", "0.00", "180.00", "1184.82").agency("se-standard")));
    }

    // ================================================================================================
    // Limitation
    // ================================================================================================

    static Stream<Row> limitation() {
        return Stream.of(
                // due 2022-01-15 + 3 years = 2025-01-15 last day (0 days left ≤ 90)
                row("3 years: the last day", old(), "2025-01-15",
                        review("NEAR_LIMITATION").summary("Only 0 days until the claim is time-barred on 2025-01-15")),
                row("3 years: the day after", old(), "2025-01-16",
                        rejected("TIME_BARRED").summary("ended on 2025-01-15")),
                // CONSUMER_CREDIT may rest on a loan or gjeldsbrev (10 years: due 2022-01-15 → 2032-01-15)
                row("consumer credit past 3 years: a person checks",
                        old().type(ClaimType.CONSUMER_CREDIT), "2025-01-16",
                        review("POSSIBLY_TIME_BARRED").summary("until 2032-01-15")),
                row("consumer credit on the 10-year last day", old().type(ClaimType.CONSUMER_CREDIT), "2032-01-15",
                        review("POSSIBLY_TIME_BARRED")),
                row("consumer credit past 10 years", old().type(ClaimType.CONSUMER_CREDIT), "2032-01-16",
                        rejected("TIME_BARRED")),
                // acknowledged 2024-03-01: 3 years → 2027-03-01, 10 years → 2034-03-01
                row("consumer credit past 3 years from an acknowledgement, within 10",
                        old().type(ClaimType.CONSUMER_CREDIT).acknowledgedOn("2024-03-01"), "2030-01-01",
                        review("POSSIBLY_TIME_BARRED").summary("until 2034-03-01")),
                // acknowledged 2024-03-01 → last day 2027-03-01: not barred; interest from 2022-01-16 needs a 2022 rate
                row("acknowledgement restarts: past the original bar",
                        old().acknowledgedOn("2024-03-01"), "2025-01-16",
                        review("NO_RATE").rule("limitation", PASS).summary("no rate configured for 2022-H1 (NO late-interest)")),
                row("acknowledgement restarts: its own last day", old().acknowledgedOn("2024-03-01"), "2027-03-01",
                        review("NEAR_LIMITATION").summary("time-barred on 2027-03-01")),
                row("acknowledgement restarts: the day after its last day", old().acknowledgedOn("2024-03-01"), "2027-03-02",
                        rejected("TIME_BARRED")),
                // acknowledged on the last day 2025-01-15 itself → 2028-01-15
                row("acknowledgement on the last day still restarts", old().acknowledgedOn("2025-01-15"), "2028-01-15",
                        review("NEAR_LIMITATION").summary("time-barred on 2028-01-15")),
                row("acknowledgement after the bar does not revive", old().acknowledgedOn("2025-02-01"), "2025-03-01",
                        rejected("TIME_BARRED").summary("ended on 2025-01-15")),
                // part payment 2024-06-01 → 2027-06-01
                row("part payment restarts: its last day",
                        old().amounts("1000", "800").payment(PAYMENT, "2024-06-01", "200"), "2027-06-01",
                        review("NEAR_LIMITATION").summary("time-barred on 2027-06-01")),
                row("part payment restarts: the day after",
                        old().amounts("1000", "800").payment(PAYMENT, "2024-06-01", "200"), "2027-06-02",
                        rejected("TIME_BARRED")),
                row("a credit note does not restart",
                        old().amounts("1000", "800").payment(CREDIT_NOTE, "2024-06-01", "200"), "2025-01-16",
                        rejected("TIME_BARRED")),
                row("a part payment after the bar does not revive",
                        old().amounts("1000", "800").payment(PAYMENT, "2025-02-01", "200"), "2025-03-01",
                        rejected("TIME_BARRED")),
                // legal step 2024-06-01 → 10 years → 2034-06-01 (3 years would have ended 2027-06-01)
                row("legal step: 10 years, past 3 years from the step",
                        old().legalStepOn("2024-06-01"), "2027-06-02",
                        review("NO_RATE").rule("limitation", PASS).summary("no rate configured for 2022-H1 (NO late-interest)")),
                row("legal step: the last day of 10 years", old().legalStepOn("2024-06-01"), "2034-06-01",
                        review("NEAR_LIMITATION").summary("time-barred on 2034-06-01")),
                row("legal step: the day after 10 years", old().legalStepOn("2024-06-01"), "2034-06-02",
                        rejected("TIME_BARRED")),
                row("a Norwegian reminder does not interrupt",
                        old().notice(REMINDER, "2024-06-01", "2024-06-15", null), "2025-01-16",
                        rejected("TIME_BARRED")),
                row("Norwegian business debtor: also 3 years", old().business(), "2025-01-16",
                        rejected("TIME_BARRED")),
                // due 2024-02-29 + 3 years = 2027-02-28
                row("leap-day due date: last day 2027-02-28",
                        no().due("2024-02-29").varsel("2024-03-05", "2024-03-19"), "2027-02-28",
                        review("NEAR_LIMITATION").summary("time-barred on 2027-02-28")),
                row("leap-day due date: barred 2027-03-01",
                        no().due("2024-02-29").varsel("2024-03-05", "2024-03-19"), "2027-03-01",
                        rejected("TIME_BARRED").summary("ended on 2027-02-28")),
                // due 2023-03-01 → last day 2026-03-01; 2025-12-01 → 2026-03-01 = 31 (Dec) + 31 (Jan) + 28 (Feb) = 90 days left
                row("near the bar: 90 days left",
                        no().due("2023-03-01").varsel("2023-03-10", "2023-03-24"), "2025-12-01",
                        review("NEAR_LIMITATION").summary("Only 90 days")),
                // 2025-11-30 → 91 days left: limitation passes; interest from 2023-03-02 needs a 2023 rate
                row("near the bar: 91 days left",
                        no().due("2023-03-01").varsel("2023-03-10", "2023-03-24"), "2025-11-30",
                        review("NO_RATE").rule("limitation", PASS).summary("no rate configured for 2023-H1 (NO late-interest)")),
                // varsel deadline 2025-11-26 + 5 = 2025-12-01, 90 days before 2026-03-01; asOf has 101 days left
                row("NOT_YET until 90 days before the bar → review",
                        no().due("2023-03-01").varsel("2025-11-06", "2025-11-26"), "2025-11-20",
                        review("NEAR_LIMITATION").summary("becomes eligible only on 2025-12-01")),
                // deadline 2025-11-25 + 5 = 2025-11-30, 91 days before the bar → stays NOT_YET
                row("NOT_YET until 91 days before the bar → not yet",
                        no().due("2023-03-01").varsel("2025-11-06", "2025-11-25"), "2025-11-20",
                        notYet("2025-11-30", "NOTICE_DEADLINE_NOT_PASSED").rule("limitation", PASS)),
                // Sweden: consumer 3 years (2025-01-15), business 10 years (2032-01-15)
                row("SE consumer: 3 years", seLenient().due("2022-01-15"), "2025-01-16",
                        rejected("TIME_BARRED")),
                row("SE business: 10 years",
                        seLenient().business().due("2022-01-15"), "2025-01-16",
                        review("NO_RATE").rule("limitation", PASS).summary("no rate configured for 2022-H1 (SE late-interest)")),
                // due 2024-03-01 + 10 = 2034-03-01
                row("SE business: the day after 10 years", seLenient().business().due("2024-03-01"), "2034-03-02",
                        rejected("TIME_BARRED").summary("ended on 2034-03-01")),
                // a påminnelse 2024-06-01 interrupts Swedish limitation → 2027-06-01
                row("SE påminnelse interrupts: its last day",
                        seLenient().due("2022-01-15").notice(PAMINNELSE, "2024-06-01", null, null), "2027-06-01",
                        review("NEAR_LIMITATION").summary("time-barred on 2027-06-01")),
                row("SE påminnelse interrupts: the day after",
                        seLenient().due("2022-01-15").notice(PAMINNELSE, "2024-06-01", null, null), "2027-06-02",
                        rejected("TIME_BARRED")));
    }

    // ================================================================================================
    // Interest across rate periods, and missing rates
    // ================================================================================================

    static Stream<Row> rates() {
        return Stream.of(
                // 2024-11-16..2024-12-31 46 d × 12.5%  = 157.53...; 2025-01-01..06-30 181 d × 12.5% = 619.86...;
                // 2025-07-01..12-31 184 d × 12.25% = 617.53...; 2026-01-01..03-31 90 d × 12% = 295.89...
                // 10000 × (12.5% × 46 + 12.5% × 181 + 12.25% × 184 + 12% × 90)/365 = 1690.82 (exact 1690.8219...)
                // ceiling 750 × 0.80 = 600.00 (as of 2026); total 10000 + 1690.82 + 600 = 12290.82
                row("NO interest across 2024-H2, 2025-H1, 2025-H2, 2026-H1",
                        no().due("2024-11-15").amount("10000").varsel("2024-12-01", "2024-12-15"), "2026-03-31",
                        eligible("10000.00", "1690.82", "0.00", "600.00", "12290.82").interestLines(
                                "2024-11-16..2024-12-31 46d 12.5% 157.53",
                                "2025-01-01..2025-06-30 181d 12.5% 619.86",
                                "2025-07-01..2025-12-31 184d 12.25% 617.53",
                                "2026-01-01..2026-03-31 90d 12% 295.89")),
                // 2024 is a leap year: 182 + 184 days at 12.5%, then 31 days in 2025 = 397 days
                // 10000 × 12.5% × 397/365 = 1359.59; ceiling 700 × 0.80 = 560.00; total 10000 + 1359.59 + 560 = 11919.59
                row("NO interest over leap year 2024 (actual/365)",
                        no().due("2023-12-31").amount("10000").varsel("2024-01-10", "2024-01-24"), "2025-01-31",
                        eligible("10000.00", "1359.59", "0.00", "560.00", "11919.59").interestLines(
                                "2024-01-01..2024-06-30 182d 12.5% 623.29",
                                "2024-07-01..2024-12-31 184d 12.5% 630.14",
                                "2025-01-01..2025-01-31 31d 12.5% 106.16")),
                // 1000 × 12% × 46/365 = 15.12; ceiling 750 × 0.35 = 262.50; total 1000 + 15.12 + 262.50 = 1277.62
                row("NO as of 2026-06-30: last day with a rate",
                        no().due("2026-05-15").varsel("2026-05-20", "2026-06-03"), "2026-06-30",
                        eligible("1000.00", "15.12", "0.00", "262.50", "1277.62")),
                row("NO as of 2026-07-01: interest reaches 2026-H2",
                        no().due("2026-05-15").varsel("2026-05-20", "2026-06-03"), "2026-07-01",
                        review("NO_RATE").summary("no rate configured for 2026-H2 (NO late-interest)")),
                // a NOT_YET decision needs no amount, so no rate is needed for it
                row("NO not yet in 2026-H2: no amount, no rate needed",
                        no().due("2026-06-20").varsel("2026-06-25", "2026-07-09"), "2026-07-05",
                        notYet("2026-07-14", "NOTICE_DEADLINE_NOT_PASSED")),
                // SE: 2024-12-21..31 11 d × 12%, 2025-H1 181 d × 11%, 2025-07-01..10 10 d × 10%
                // 1000 × (12 × 11 + 11 × 181 + 10 × 10)/36500 = 1000 × 2223/36500 = 60.90; 180; total 1240.90
                row("SE interest across 2024-H2, 2025-H1, 2025-H2",
                        seLenient().due("2024-12-20"), "2025-07-10",
                        eligible("1000.00", "60.90", "0.00", "180.00", "1240.90").interestLines(
                                "2024-12-21..2024-12-31 11d 12% 3.62",
                                "2025-01-01..2025-06-30 181d 11% 54.55",
                                "2025-07-01..2025-07-10 10d 10% 2.74")),
                row("SE as of 2026-07-01: interest reaches 2026-H2", seLenient().due("2026-06-01"), "2026-07-01",
                        review("NO_RATE").summary("no rate configured for 2026-H2 (SE late-interest)")),
                // the collection-fee brackets start 2025-01-01: a 2024 decision has no ceiling
                row("NO as of 2024-07-15: no collection-fee brackets yet",
                        no().due("2024-06-01").varsel("2024-06-10", "2024-06-24"), "2024-07-15",
                        review("NO_RATE").summary("no rate configured for 2024-07-15 (NO collection-fee-brackets)")),
                row("before the first rule pack", ready(), "2023-12-31", review("NO_RULE_PACK")));
    }

    // ================================================================================================
    // Norwegian collection fee ceiling
    // ================================================================================================

    static Stream<Row> collectionFee() {
        return Stream.of(
                // all: due 2025-01-15, varsel 2025-02-01..15, as of 2025-03-01 = 45 days at 12.5%, inkassosats 700
                // 500 × 12.5% × 45/365 = 7.71; 700 × 0.25 = 175.00; total 500 + 7.71 + 175 = 682.71
                fee("500.00", "7.71", "175.00", "682.71"),
                // 500.01 × 12.5% × 45/365 = 7.71; 700 × 0.35 = 245.00; total 500.01 + 7.71 + 245 = 752.72
                fee("500.01", "7.71", "245.00", "752.72"),
                // 1000 × 12.5% × 45/365 = 15.41; 700 × 0.35 = 245.00 (heavy × 2 = 490.00); total 1260.41
                row("fee bracket 1000.00", ready().amount("1000.00"), "2025-03-01",
                        eligible("1000.00", "15.41", "0.00", "245.00", "1260.41").heavy("490.00").vat(false)),
                // 1000.01 × 12.5% × 45/365 = 15.41; 700 × 0.40 = 280.00; total 1000.01 + 15.41 + 280 = 1295.42
                fee("1000.01", "15.41", "280.00", "1295.42"),
                // 2500 × 12.5% × 45/365 = 38.53; 700 × 0.40 = 280.00; total 2818.53
                fee("2500.00", "38.53", "280.00", "2818.53"),
                // 2500.01 × 12.5% × 45/365 = 38.53; 700 × 0.80 = 560.00; total 2500.01 + 38.53 + 560 = 3098.54
                fee("2500.01", "38.53", "560.00", "3098.54"),
                // 10000 × 12.5% × 45/365 = 154.11; 700 × 0.80 = 560.00; total 10714.11
                fee("10000.00", "154.11", "560.00", "10714.11"),
                // 10000.01 × 12.5% × 45/365 = 154.11; 700 × 1.60 = 1120.00; total 10000.01 + 154.11 + 1120 = 11274.12
                fee("10000.01", "154.11", "1120.00", "11274.12"),
                // 50000 × 12.5% × 45/365 = 770.55; 700 × 1.60 = 1120.00; total 51890.55
                fee("50000.00", "770.55", "1120.00", "51890.55"),
                // 50000.01 × 12.5% × 45/365 = 770.55; 700 × 3.60 = 2520.00; total 50000.01 + 770.55 + 2520 = 53290.56
                fee("50000.01", "770.55", "2520.00", "53290.56"),
                // 250000 × 12.5% × 45/365 = 3852.74; 700 × 3.60 = 2520.00; total 256372.74
                fee("250000.00", "3852.74", "2520.00", "256372.74"),
                // 250000.01 × 12.5% × 45/365 = 3852.74; 700 × 7.20 = 5040.00; total 250000.01 + 3852.74 + 5040 = 258892.75
                fee("250000.01", "3852.74", "5040.00", "258892.75"),
                // due 2025-11-01, as of 2025-12-31: 60 days at 12.25%: 10000 × 12.25% × 60/365 = 201.37
                // inkassosats 700: 700 × 0.80 = 560.00; total 10000 + 201.37 + 560 = 10761.37
                row("inkassosats 700 as of 2025-12-31",
                        no().due("2025-11-01").amount("10000").varsel("2025-11-05", "2025-11-19"), "2025-12-31",
                        eligible("10000.00", "201.37", "0.00", "560.00", "10761.37")),
                // as of 2026-01-01: 10000 × (12.25% × 60 + 12% × 1)/365 = 201.369... + 3.287... = 204.66
                // inkassosats 750: 750 × 0.80 = 600.00; total 10000 + 204.66 + 600 = 10804.66
                row("inkassosats 750 as of 2026-01-01",
                        no().due("2025-11-01").amount("10000").varsel("2025-11-05", "2025-11-19"), "2026-01-01",
                        eligible("10000.00", "204.66", "0.00", "600.00", "10804.66").interestLines(
                                "2025-11-02..2025-12-31 60d 12.25% 201.37",
                                "2026-01-01..2026-01-01 1d 12% 3.29")),
                // 700 × 0.35 × 1.5 = 367.50; 1000 × 12.5% × 45/365 = 15.41; total 1000 + 15.41 + 367.50 = 1382.91
                row("business debtor × 1.5", ready().business(), "2025-03-01",
                        eligible("1000.00", "15.41", "0.00", "367.50", "1382.91").vat(false)),
                // 700 × 0.35 × 1.25 = 306.25; total 1000 + 15.41 + 306.25 = 1321.66
                row("creditor not VAT-registered × 1.25", ready().creditorNotVatRegistered(), "2025-03-01",
                        eligible("1000.00", "15.41", "0.00", "306.25", "1321.66").vat(true)),
                // 700 × 0.35 × 1.5 × 1.25 = 459.375 → 459.38; heavy 700 × 0.35 × 2 × 1.5 × 1.25 = 918.75
                // total 1000 + 15.41 + 459.38 = 1474.79
                row("business and not VAT-registered", ready().business().creditorNotVatRegistered(), "2025-03-01",
                        eligible("1000.00", "15.41", "0.00", "459.38", "1474.79").heavy("918.75").vat(true)),
                // due 2026-01-15, as of 2026-02-20: 1000 × 12% × 36/365 = 11.84
                // 750 × 0.35 × 1.5 × 1.25 = 492.1875 → 492.19; total 1000 + 11.84 + 492.19 = 1504.03
                row("business and not VAT-registered, inkassosats 750",
                        no().due("2026-01-15").varsel("2026-01-20", "2026-02-03").business().creditorNotVatRegistered(),
                        "2026-02-20",
                        eligible("1000.00", "11.84", "0.00", "492.19", "1504.03")),
                // 500 × 12% × 36/365 = 5.92; 750 × 0.25 × 1.25 = 234.375 → 234.38; total 500 + 5.92 + 234.38 = 740.30
                row("500 not VAT-registered, inkassosats 750",
                        no().due("2026-01-15").amount("500").varsel("2026-01-20", "2026-02-03").creditorNotVatRegistered(),
                        "2026-02-20",
                        eligible("500.00", "5.92", "0.00", "234.38", "740.30")),
                // 300000 × 12.5% × 45/365 = 4623.29; 700 × 7.20 × 1.5 = 7560.00; total 300000 + 4623.29 + 7560 = 312183.29
                row("business, top bracket", ready().amount("300000").business(), "2025-03-01",
                        eligible("300000.00", "4623.29", "0.00", "7560.00", "312183.29")));
    }

    // ================================================================================================
    // Reminder and notice fees (Norway §§ 1-2, 1-3; Sweden)
    // ================================================================================================

    static Stream<Row> noticeFees() {
        // Norway: due 2025-01-15, as of 2025-03-15 unless said: 1000 × 12.5% × 59/365 = 20.21; ceiling 700 × 0.35 = 245.00
        return Stream.of(
                // cap 1/20 × 700 = 35.00; total 1000 + 20.21 + 35 + 245 = 1300.21
                row("varsel fee 35 (at the cap)", no().notice(INKASSOVARSEL, "2025-02-01", "2025-02-15", "35"), "2025-03-15",
                        eligible("1000.00", "20.21", "35.00", "245.00", "1300.21")
                                .feeLines("INKASSOVARSEL 2025-02-01 35.00->35.00")),
                // charged 50, cap 35.00; total 1300.21
                row("varsel fee 50 capped at 35.00", no().notice(INKASSOVARSEL, "2025-02-01", "2025-02-15", "50"), "2025-03-15",
                        eligible("1000.00", "20.21", "35.00", "245.00", "1300.21")
                                .feeLines("INKASSOVARSEL 2025-02-01 50.00->35.00")),
                // charged 25 < 35; total 1000 + 20.21 + 25 + 245 = 1290.21
                row("varsel fee 25 below the cap", no().notice(INKASSOVARSEL, "2025-02-01", "2025-02-15", "25"), "2025-03-15",
                        eligible("1000.00", "20.21", "25.00", "245.00", "1290.21")),
                // sent 2025-01-28 = 13 days after due → no fee; total 1000 + 20.21 + 0 + 245 = 1265.21
                row("varsel fee, sent 13 days after due: 0", no().notice(INKASSOVARSEL, "2025-01-28", "2025-02-11", "35"), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21")
                                .feeLines("INKASSOVARSEL 2025-01-28 35.00->0.00")),
                // sent 2025-01-29 = 14 days after due → 35.00; total 1300.21
                row("varsel fee, sent 14 days after due: 35", no().notice(INKASSOVARSEL, "2025-01-29", "2025-02-12", "35"), "2025-03-15",
                        eligible("1000.00", "20.21", "35.00", "245.00", "1300.21")),
                // due 2025-12-01, as of 2026-02-01: 1000 × (12.25% × 30 + 12% × 32)/365 = 10.068... + 10.520... = 20.59
                // sent 2026-01-02: cap 1/20 × 750 = 37.50; ceiling 750 × 0.35 = 262.50; total 1000 + 20.59 + 37.50 + 262.50 = 1320.59
                row("varsel fee 50 sent in 2026: cap 37.50",
                        no().due("2025-12-01").notice(INKASSOVARSEL, "2026-01-02", "2026-01-16", "50"), "2026-02-01",
                        eligible("1000.00", "20.59", "37.50", "262.50", "1320.59")
                                .feeLines("INKASSOVARSEL 2026-01-02 50.00->37.50")),
                // sent 2025-12-31 (30 days after due): cap of the sending day 1/20 × 700 = 35.00 although the decision is in 2026
                // total 1000 + 20.59 + 35 + 262.50 = 1318.09
                row("varsel fee 50 sent 2025-12-31: cap 35.00",
                        no().due("2025-12-01").notice(INKASSOVARSEL, "2025-12-31", "2026-01-14", "50"), "2026-02-01",
                        eligible("1000.00", "20.59", "35.00", "262.50", "1318.09")
                                .feeLines("INKASSOVARSEL 2025-12-31 50.00->35.00")),
                // reminder 1 (14 days' deadline 2025-02-12) missed, reminder 2 on 2025-02-13: 35 + 35 = 70
                // total 1000 + 20.21 + 70 + 245 = 1335.21
                row("second reminder fee after the first's 14-day deadline passed",
                        no().notice(REMINDER, "2025-01-29", "2025-02-12", "35").notice(REMINDER, "2025-02-13", "2025-02-27", "35")
                                .varsel("2025-02-14", "2025-02-28"), "2025-03-15",
                        eligible("1000.00", "20.21", "70.00", "245.00", "1335.21")
                                .feeLines("REMINDER 2025-01-29 35.00->35.00", "REMINDER 2025-02-13 35.00->35.00")),
                // reminder 2 on the first's deadline day 2025-02-12: not yet missed → 35 + 0; total 1300.21
                row("second reminder on the first's deadline day: no fee",
                        no().notice(REMINDER, "2025-01-29", "2025-02-12", "35").notice(REMINDER, "2025-02-12", "2025-02-26", "35")
                                .varsel("2025-02-14", "2025-02-28"), "2025-03-15",
                        eligible("1000.00", "20.21", "35.00", "245.00", "1300.21")
                                .feeLines("REMINDER 2025-01-29 35.00->35.00", "REMINDER 2025-02-12 35.00->0.00")),
                // reminder 1 gave only 13 days (2025-01-29 → 2025-02-11): the second fee is not allowed; total 1300.21
                row("second reminder after a 13-day first deadline: no fee",
                        no().notice(REMINDER, "2025-01-29", "2025-02-11", "35").notice(REMINDER, "2025-02-13", "2025-02-27", "35")
                                .varsel("2025-02-14", "2025-02-28"), "2025-03-15",
                        eligible("1000.00", "20.21", "35.00", "245.00", "1300.21")
                                .feeLines("REMINDER 2025-01-29 35.00->35.00", "REMINDER 2025-02-13 35.00->0.00")),
                // at most two fees: 35 + 35 + 0; as of 2025-03-20: 1000 × 12.5% × 64/365 = 21.92
                // varsel 2025-03-14 + 5 = 2025-03-19; total 1000 + 21.92 + 70 + 245 = 1336.92
                row("a third fee notice: no fee",
                        no().notice(REMINDER, "2025-01-29", "2025-02-12", "35").notice(REMINDER, "2025-02-13", "2025-02-27", "35")
                                .notice(INKASSOVARSEL, "2025-02-28", "2025-03-14", "35"), "2025-03-20",
                        eligible("1000.00", "21.92", "70.00", "245.00", "1336.92")
                                .feeLines("REMINDER 2025-01-29 35.00->35.00", "REMINDER 2025-02-13 35.00->35.00",
                                        "INKASSOVARSEL 2025-02-28 35.00->0.00")),
                // a reminder fee, then a varsel fee after the reminder's deadline: 35 + 35; total 1335.21
                row("reminder fee then varsel fee",
                        no().notice(REMINDER, "2025-01-29", "2025-02-12", "35").notice(INKASSOVARSEL, "2025-02-13", "2025-02-27", "35"),
                        "2025-03-15",
                        eligible("1000.00", "20.21", "70.00", "245.00", "1335.21")),
                // a varsel fee first: no reminder fee after it; total 1300.21
                row("varsel fee then reminder fee: no second fee",
                        no().notice(INKASSOVARSEL, "2025-01-29", "2025-02-12", "35").notice(REMINDER, "2025-02-13", "2025-02-27", "35"),
                        "2025-03-15",
                        eligible("1000.00", "20.21", "35.00", "245.00", "1300.21")
                                .feeLines("INKASSOVARSEL 2025-01-29 35.00->35.00", "REMINDER 2025-02-13 35.00->0.00")),
                // varsel sent 2025-02-05, before the reminder's deadline 2025-02-12 passed: no second fee; total 1300.21
                row("varsel fee before the reminder's deadline passed: no second fee",
                        no().notice(REMINDER, "2025-01-29", "2025-02-12", "35").notice(INKASSOVARSEL, "2025-02-05", "2025-02-19", "35"),
                        "2025-03-15",
                        eligible("1000.00", "20.21", "35.00", "245.00", "1300.21")),
                // creditor's betalingsoppfordring after the varsel's 14-day deadline 2025-02-12: cap 3/20 × 700 = 105.00
                // total 1000 + 20.21 + 105 + 245 = 1370.21
                row("creditor betalingsoppfordring fee 150 capped at 3/20 = 105.00",
                        no().varsel("2025-01-29", "2025-02-12").notice(BETALINGSOPPFORDRING, "2025-02-13", "2025-02-27", "150"),
                        "2025-03-15",
                        eligible("1000.00", "20.21", "105.00", "245.00", "1370.21")
                                .feeLines("BETALINGSOPPFORDRING 2025-02-13 150.00->105.00")),
                // charged 80 < 105: total 1000 + 20.21 + 80 + 245 = 1345.21
                row("creditor betalingsoppfordring fee 80 within the cap",
                        no().varsel("2025-01-29", "2025-02-12").notice(BETALINGSOPPFORDRING, "2025-02-13", "2025-02-27", "80"),
                        "2025-03-15",
                        eligible("1000.00", "20.21", "80.00", "245.00", "1345.21")),
                // sent on the varsel's deadline day 2025-02-12: deadline not yet missed → 0; total 1265.21
                row("creditor betalingsoppfordring on the deadline day: no fee",
                        no().varsel("2025-01-29", "2025-02-12").notice(BETALINGSOPPFORDRING, "2025-02-12", "2025-02-26", "105"),
                        "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21")),
                // only a 7-day reminder deadline (2025-01-27) was missed by 2025-02-10; the varsel's runs to 2025-02-15 → 0
                row("creditor betalingsoppfordring after a 7-day deadline only: no fee",
                        ready().notice(REMINDER, "2025-01-20", "2025-01-27", null)
                                .notice(BETALINGSOPPFORDRING, "2025-02-10", "2025-02-24", "105"), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21")),
                // one betalingsoppfordring fee at most: 105 + 0; total 1370.21
                row("two creditor betalingsoppfordringer: one fee",
                        no().varsel("2025-01-29", "2025-02-12").notice(BETALINGSOPPFORDRING, "2025-02-13", "2025-02-27", "105")
                                .notice(BETALINGSOPPFORDRING, "2025-02-20", "2025-03-06", "105"), "2025-03-15",
                        eligible("1000.00", "20.21", "105.00", "245.00", "1370.21")),
                // due 2025-12-01, as of 2026-02-01: interest 20.59 (see above); sent 2026-01-05: 3/20 × 750 = 112.50
                // ceiling 262.50; total 1000 + 20.59 + 112.50 + 262.50 = 1395.59
                row("creditor betalingsoppfordring in 2026: cap 112.50",
                        no().due("2025-12-01").varsel("2025-12-15", "2025-12-29")
                                .notice(BETALINGSOPPFORDRING, "2026-01-05", "2026-01-19", "150"), "2026-02-01",
                        eligible("1000.00", "20.59", "112.50", "262.50", "1395.59")),
                // born 2010-01-01 (15): no fees, no collection costs; total 1000 + 20.21 = 1020.21
                row("minor pays no fees",
                        no().bornOn("2010-01-01").notice(INKASSOVARSEL, "2025-02-01", "2025-02-15", "35"), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "0.00", "1020.21").flags("MINOR_PROCEDURE").heavy("0.00").vat(false)
                                .feeLines("INKASSOVARSEL 2025-02-01 35.00->0.00")),
                // Sweden (se-lenient), due 2025-03-10, as of 2025-04-10: 1000 × 11% × 31/365 = 9.34
                // påminnelseavgift 60, inkassoavgift 180; total 1000 + 9.34 + 60 + 180 = 1249.34
                row("SE påminnelse fee 60",
                        seLenient().notice(PAMINNELSE, "2025-03-20", "2025-03-30", "60"), "2025-04-10",
                        eligible("1000.00", "9.34", "60.00", "180.00", "1249.34")),
                // charged 100, cap 60; total 1249.34
                row("SE påminnelse fee 100 capped at 60",
                        seLenient().notice(PAMINNELSE, "2025-03-20", "2025-03-30", "100"), "2025-04-10",
                        eligible("1000.00", "9.34", "60.00", "180.00", "1249.34")
                                .feeLines("PAMINNELSE 2025-03-20 100.00->60.00")),
                // one påminnelseavgift at most: 60 + 0; total 1249.34
                row("SE two påminnelse fees: one",
                        seLenient().notice(PAMINNELSE, "2025-03-20", "2025-03-30", "60").notice(PAMINNELSE, "2025-03-31", "2025-04-07", "60"),
                        "2025-04-10",
                        eligible("1000.00", "9.34", "60.00", "180.00", "1249.34")),
                // the creditor's own inkassokrav fee 180 replaces the inkassoavgift: fees 60 + 180 = 240, collection fee 0
                // total 1000 + 9.34 + 240 + 0 = 1249.34
                row("SE creditor's inkassokrav fee replaces the collection fee",
                        seLenient().notice(PAMINNELSE, "2025-03-20", "2025-03-30", "60").notice(INKASSOKRAV, "2025-03-31", "2025-04-08", "180"),
                        "2025-04-10",
                        eligible("1000.00", "9.34", "240.00", "0.00", "1249.34")),
                // the creditor's inkassokrav fee 200 is capped at the inkassoavgift 180; collection fee 0
                // total 1000 + 9.34 + 180 + 0 = 1189.34
                row("SE creditor's inkassokrav fee 200 capped at 180",
                        seLenient().notice(INKASSOKRAV, "2025-03-20", "2025-03-28", "200"), "2025-04-10",
                        eligible("1000.00", "9.34", "180.00", "0.00", "1189.34").feeLines("INKASSOKRAV 2025-03-20 200.00->180.00")),
                // business: the inkassokrav fee is not allowed, förseningsersättning 450; total 1000 + 9.34 + 0 + 450 = 1459.34
                row("SE business: creditor's inkassokrav fee replaced by förseningsersättning 450",
                        seLenient().business().notice(INKASSOKRAV, "2025-03-20", "2025-03-28", "180"), "2025-04-10",
                        eligible("1000.00", "9.34", "0.00", "450.00", "1459.34")),
                // business: no påminnelse fee, förseningsersättning 450; total 1000 + 9.34 + 0 + 450 = 1459.34
                row("SE business: förseningsersättning 450 instead of fees",
                        seLenient().business().notice(PAMINNELSE, "2025-03-20", "2025-03-30", "60"), "2025-04-10",
                        eligible("1000.00", "9.34", "0.00", "450.00", "1459.34").feeLines("PAMINNELSE 2025-03-20 60.00->0.00")),
                // minor (15), se-lenient FLAG: no fees; total 1000 + 9.34 = 1009.34
                row("SE minor, se-lenient: no fees",
                        seLenient().bornOn("2010-05-20").notice(PAMINNELSE, "2025-03-20", "2025-03-30", "60"), "2025-04-10",
                        eligible("1000.00", "9.34", "0.00", "0.00", "1009.34").flags("MINOR_PROCEDURE")));
    }

    // ================================================================================================
    // Minors and age
    // ================================================================================================

    static Stream<Row> minors() {
        return Stream.of(
                // born 2007-03-15: 18 on 2025-03-15. 1000 × 12.5% × 59/365 = 20.21; 245.00; total 1265.21
                row("NO turns 18 on the decision date: of age", ready().bornOn("2007-03-15"), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21")),
                // the day before: 17. 1000 × 12.5% × 58/365 = 19.86; no fees; total 1019.86
                row("NO the day before turning 18: minor, no-standard flags", ready().bornOn("2007-03-15"), "2025-03-14",
                        eligible("1000.00", "19.86", "0.00", "0.00", "1019.86").flags("MINOR_PROCEDURE")
                                .explains("minor", "under 18 until 2025-03-15")),
                row("NO minor, no-strict rejects", strictReady().bornOn("2007-03-15"), "2025-03-14",
                        rejected("DEBTOR_MINOR")),
                // 1000 × 12.5% × 59/365 = 20.21; 245.00; total 1265.21
                row("NO 18 today, no-strict takes it", strictReady().bornOn("2007-03-15"), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21").agency("no-strict")),
                row("SE minor, se-standard rejects", seStandardReady().bornOn("2010-05-20"), "2025-04-01",
                        rejected("DEBTOR_MINOR")),
                // born 2008-02-29: 17 years old on 2026-02-28 (Period.between), 18 on 2026-03-01
                // due 2026-01-15: 1000 × 12% × 44/365 = 14.47; minor: no fees; total 1014.47
                row("born 29 Feb: 2026-02-28 still a minor",
                        no().due("2026-01-15").varsel("2026-01-20", "2026-02-03").bornOn("2008-02-29"), "2026-02-28",
                        eligible("1000.00", "14.47", "0.00", "0.00", "1014.47").flags("MINOR_PROCEDURE")
                                .explains("minor", "under 18 until 2026-03-01")),
                // 1000 × 12% × 45/365 = 14.79; 750 × 0.35 = 262.50; total 1000 + 14.79 + 262.50 = 1277.29
                row("born 29 Feb: of age on 2026-03-01",
                        no().due("2026-01-15").varsel("2026-01-20", "2026-02-03").bornOn("2008-02-29"), "2026-03-01",
                        eligible("1000.00", "14.79", "0.00", "262.50", "1277.29")),
                // 15038512363 = born 1985-03-15: of age; 20.21 / 245.00 / 1265.21 as above
                row("age from a fødselsnummer: adult",
                        ready().bornOn(null).nationalId(NationalIdScheme.NO_PERSON, "15038512363"), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21")),
                // 15030750087 = born 2007-03-15 (individual number 500, year 07 → 2000s): 17 on 2025-03-14; 19.86, no fees
                row("age from a fødselsnummer: minor the day before turning 18",
                        ready().bornOn(null).nationalId(NationalIdScheme.NO_PERSON, "15030750087"), "2025-03-14",
                        eligible("1000.00", "19.86", "0.00", "0.00", "1019.86").flags("MINOR_PROCEDURE")),
                row("age from a fødselsnummer: 18 on the decision date",
                        ready().bornOn(null).nationalId(NationalIdScheme.NO_PERSON, "15030750087"), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21")),
                // 201005202385 = born 2010-05-20 (Luhn on 1005202385)
                row("age from a personnummer: minor, se-standard rejects",
                        seStandardReady().bornOn(null).nationalId(NationalIdScheme.SE_PERSON, "201005202385"), "2025-04-01",
                        rejected("DEBTOR_MINOR")),
                row("age unknown: flagged, normal fees", ready().bornOn(null), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21").flags("AGE_UNKNOWN")),
                // last check digit wrong (…64 instead of …63): no usable birth date
                row("age unknown: invalid fødselsnummer",
                        ready().bornOn(null).nationalId(NationalIdScheme.NO_PERSON, "15038512364"), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "245.00", "1265.21").flags("AGE_UNKNOWN")),
                // 1000 × 12.5% × 59/365 = 20.21; 700 × 0.35 × 1.5 = 367.50; total 1000 + 20.21 + 367.50 = 1387.71
                row("business debtor: no age check", ready().business(), "2025-03-15",
                        eligible("1000.00", "20.21", "0.00", "367.50", "1387.71").rule("minor", RuleOutcome.NOT_APPLICABLE)));
    }

    // ================================================================================================
    // Agency terms and the claim itself
    // ================================================================================================

    static Stream<Row> agencyAndClaim() {
        PostalAddress berlin = address("Unter den Linden 1", "10117", "Berlin");
        PostalAddress stockholm = address("Drottninggatan 1", "111 51", "Stockholm");
        return Stream.of(
                row("unknown creditor", ready().creditor("999999999"), "2025-03-01",
                        rejected("NO_AGREEMENT").summary("has no agency agreement in force on 2025-03-01")),
                row("creditor 333333333 covers only RENT: ORDINARY refused", ready().creditor(RENT_ONLY), "2025-03-01",
                        rejected("NO_AGREEMENT").summary("has no agency agreement covering")),
                // 1000 × 12.5% × 45/365 = 15.41; 245.00; total 1260.41
                row("creditor 333333333, RENT: no-standard", ready().creditor(RENT_ONLY).type(ClaimType.RENT), "2025-03-01",
                        eligible("1000.00", "15.41", "0.00", "245.00", "1260.41").agency("no-standard")),
                // agreement 2024-01-01..2025-02-28: the last day is in force. 1000 × 12.5% × 44/365 = 15.07; total 1260.07
                rowWith(ENDED, "agreement on its last day", ready().creditor(ENDED_CREDITOR), "2025-02-28",
                        eligible("1000.00", "15.07", "0.00", "245.00", "1260.07").agency("no-standard")),
                rowWith(ENDED, "agreement no longer in force", ready().creditor(ENDED_CREDITOR), "2025-03-01",
                        rejected("NO_AGREEMENT").summary("in force on 2025-03-01")),
                // 222222222: no-standard until 2025-12-31. due 2025-11-01: 1000 × 12.25% × 60/365 = 20.14; 245.00; total 1265.14
                row("agency move: 2025-12-31 still no-standard",
                        no().creditor(MOVED).due("2025-11-01").varsel("2025-11-05", "2025-11-19"), "2025-12-31",
                        eligible("1000.00", "20.14", "0.00", "245.00", "1265.14").agency("no-standard")),
                row("agency move: 2026-01-01 no-strict, which requires a reminder",
                        no().creditor(MOVED).due("2025-11-01").varsel("2025-11-05", "2025-11-19"), "2026-01-01",
                        rejected("REMINDER_REQUIRED").agency("no-strict")),
                // 1000 × (12.25% × 60 + 12% × 1)/365 = 20.137 + 0.329 = 20.47; 750 × 0.35 = 262.50; total 1282.97
                row("agency move: 2026-01-01 no-strict with a reminder",
                        no().creditor(MOVED).due("2025-11-01").notice(REMINDER, "2025-11-03", "2025-11-10", null)
                                .varsel("2025-11-05", "2025-11-19"), "2026-01-01",
                        eligible("1000.00", "20.47", "0.00", "262.50", "1282.97").agency("no-strict")),
                // 5560360793's Norwegian debtors go to no-standard: 1000 × 12.5% × 45/365 = 15.41; 245.00; total 1260.41
                row("Swedish creditor, Norwegian debtor: no-standard under NO law", ready().creditor("5560360793"), "2025-03-01",
                        eligible("1000.00", "15.41", "0.00", "245.00", "1260.41").agency("no-standard")),
                row("Swedish creditor, Norwegian debtor, SEK: not accepted under NO law",
                        ready().creditor("5560360793").currency("SEK"), "2025-03-01",
                        rejected("CURRENCY_NOT_ACCEPTED").agency("no-standard")),
                // Swedish debtor of a creditor whose agency (no-strict) collects only under NO law; SEK is not no-strict's currency
                row("jurisdiction not served",
                        se().creditor(STRICT).due("2025-03-10").notice(PAMINNELSE, "2025-03-15", "2025-03-25", null), "2025-04-15",
                        rejected("JURISDICTION_NOT_SERVED", "CURRENCY_NOT_ACCEPTED").flags("DEBTOR_ABROAD").agency("no-strict")),
                row("jurisdiction not served, debtor abroad refused, NOK under SE law",
                        ready().debtorCountry("SE").address(stockholm), "2025-03-01",
                        rejected("JURISDICTION_NOT_SERVED", "DEBTOR_ABROAD_REFUSED", "CURRENCY_NOT_ACCEPTED")),
                row("no-strict refuses RENT", strictReady().type(ClaimType.RENT), "2025-03-01", rejected("CLAIM_TYPE_REFUSED")),
                row("no-strict refuses ENERGY", strictReady().type(ClaimType.ENERGY), "2025-03-01", rejected("CLAIM_TYPE_REFUSED")),
                row("se-standard refuses RENT", seStandardReady().type(ClaimType.RENT), "2025-04-01", rejected("CLAIM_TYPE_REFUSED")),
                row("se-standard refuses CONSUMER_CREDIT", seStandardReady().type(ClaimType.CONSUMER_CREDIT), "2025-04-01",
                        rejected("CLAIM_TYPE_REFUSED")),
                row("se-standard refuses ENERGY", seStandardReady().type(ClaimType.ENERGY), "2025-04-01", rejected("CLAIM_TYPE_REFUSED")),
                // 1000 × 12.5% × 45/365 = 15.41; 245.00; total 1260.41
                row("no-strict takes CONSUMER_CREDIT", strictReady().type(ClaimType.CONSUMER_CREDIT), "2025-03-01",
                        eligible("1000.00", "15.41", "0.00", "245.00", "1260.41")),
                row("debtor abroad (DE), no-standard refuses", ready().debtorCountry("DE").address(berlin), "2025-03-01",
                        rejected("DEBTOR_ABROAD_REFUSED")),
                // Norwegian law (no rules for DE); 15.41 / 245.00 / 1260.41
                row("debtor abroad (DE), no-strict accepts", strictReady().debtorCountry("DE").address(berlin), "2025-03-01",
                        eligible("1000.00", "15.41", "0.00", "245.00", "1260.41").flags("DEBTOR_ABROAD")),
                row("EUR not accepted", ready().currency("EUR"), "2025-03-01", rejected("CURRENCY_NOT_ACCEPTED")),
                row("SEK under NO law not accepted", ready().currency("SEK"), "2025-03-01", rejected("CURRENCY_NOT_ACCEPTED")),
                row("no-standard minimum: 99.99", ready().amount("99.99"), "2025-03-01", rejected("BELOW_AGENCY_MINIMUM")),
                // 100 × 12.5% × 45/365 = 1.54; 700 × 0.25 = 175.00; total 100 + 1.54 + 175 = 276.54
                row("no-standard minimum: 100.00", ready().amount("100.00"), "2025-03-01",
                        eligible("100.00", "1.54", "0.00", "175.00", "276.54")),
                // 1000000 × 12.5% × 45/365 = 15410.96; 700 × 7.20 = 5040.00; total 1000000 + 15410.96 + 5040 = 1020450.96
                row("no-standard maximum: 1000000.00", ready().amount("1000000.00"), "2025-03-01",
                        eligible("1000000.00", "15410.96", "0.00", "5040.00", "1020450.96")),
                row("no-standard maximum: 1000000.01", ready().amount("1000000.01"), "2025-03-01", rejected("ABOVE_AGENCY_MAXIMUM")),
                row("no-strict minimum: 499.99", strictReady().amount("499.99"), "2025-03-01", rejected("BELOW_AGENCY_MINIMUM")),
                // 500 × 12.5% × 45/365 = 7.71; 700 × 0.25 = 175.00; total 682.71
                row("no-strict minimum: 500.00", strictReady().amount("500.00"), "2025-03-01",
                        eligible("500.00", "7.71", "0.00", "175.00", "682.71")),
                // 50000 × 12.5% × 45/365 = 770.55; 700 × 1.60 = 1120.00; total 51890.55
                row("no-strict maximum: 50000.00", strictReady().amount("50000.00"), "2025-03-01",
                        eligible("50000.00", "770.55", "0.00", "1120.00", "51890.55")),
                row("no-strict maximum: 50000.01", strictReady().amount("50000.01"), "2025-03-01", rejected("ABOVE_AGENCY_MAXIMUM")),
                // with nothing outstanding the agency's minimum is not checked (it would only repeat the reason)
                row("nothing outstanding (no-standard)",
                        ready().amounts("1000", "0").payment(CREDIT_NOTE, "2025-01-20", "1000"), "2025-03-01",
                        rejected("NOTHING_OUTSTANDING").rule("agency-amount", RuleOutcome.NOT_APPLICABLE)),
                row("nothing outstanding (se-lenient, no minimum)",
                        seLenient().amounts("1000", "0").payment(PAYMENT, "2025-03-20", "1000"), "2025-04-01",
                        rejected("NOTHING_OUTSTANDING")),
                row("outstanding more than original less payments", ready().payment(PAYMENT, "2025-02-10", "200"), "2025-03-01",
                        review("AMOUNTS_DISAGREE")),
                // credit note before the due date: principal 800 from the start. 800 × 12.5% × 45/365 = 12.33;
                // 800 ≤ 1000 → 700 × 0.35 = 245.00; total 800 + 12.33 + 245 = 1057.33
                row("credited 200: 800 outstanding agrees",
                        ready().amounts("1000", "800").payment(CREDIT_NOTE, "2025-01-10", "200"), "2025-03-01",
                        eligible("800.00", "12.33", "0.00", "245.00", "1057.33")),
                row("disputed", ready().disputed(), "2025-03-01", rejected("DISPUTED")),
                row("no postal address", ready().address(null), "2025-03-01", rejected("NO_POSTAL_ADDRESS")),
                row("postal address without lines", ready().address(new PostalAddress()), "2025-03-01", rejected("NO_POSTAL_ADDRESS")),
                row("Norwegian postal code with 5 digits", ready().address(address("Storgata 1", "01550", "Oslo")), "2025-03-01",
                        rejected("POSTAL_ADDRESS_UNUSABLE")),
                row("no postal code", ready().address(address("Storgata 1", null, "Oslo")), "2025-03-01",
                        rejected("POSTAL_ADDRESS_UNUSABLE")),
                row("Swedish postal code with 4 digits", seLenient().address(address("Drottninggatan 1", "1115", "Stockholm")),
                        "2025-03-11", rejected("POSTAL_ADDRESS_UNUSABLE")),
                // 1000 × 11% × 1/365 = 0.30; 180; total 1180.30
                row("Swedish postal code without the space", seLenient().address(address("Drottninggatan 1", "11151", "Stockholm")),
                        "2025-03-11", eligible("1000.00", "0.30", "0.00", "180.00", "1180.30")));
    }

    // ================================================================================================
    // Several reasons at once
    // ================================================================================================

    static Stream<Row> severalReasons() {
        return Stream.of(
                row("EUR, disputed, no varsel, time-barred",
                        no().due("2022-01-15").currency("EUR").disputed(), "2025-03-01",
                        rejected("CURRENCY_NOT_ACCEPTED", "DISPUTED", "NO_NOTICE", "TIME_BARRED")),
                // day 10 (too soon: NOT_YET) is not listed when something failed
                row("unknown creditor, no address, varsel too short; too soon is not listed",
                        no().creditor("999999999").address(null).varsel("2025-01-20", "2025-02-02"), "2025-01-25",
                        rejected("NO_AGREEMENT", "NO_POSTAL_ADDRESS", "NOTICE_DEADLINE_TOO_SHORT")),
                row("no-strict: RENT, below minimum, minor, no reminder",
                        strict().type(ClaimType.RENT).amount("499").bornOn("2010-01-01").varsel("2025-01-20", "2025-02-10"), "2025-03-01",
                        rejected("CLAIM_TYPE_REFUSED", "BELOW_AGENCY_MINIMUM", "DEBTOR_MINOR", "REMINDER_REQUIRED")),
                row("disputed and amounts disagree: the failure decides",
                        ready().disputed().payment(PAYMENT, "2025-02-10", "200"), "2025-03-01",
                        rejected("DISPUTED")),
                row("amounts disagree and varsel not passed: review, no date",
                        ready().payment(PAYMENT, "2025-02-10", "200"), "2025-02-18",
                        review("AMOUNTS_DISAGREE")),
                // Swedish creditor, debtor in DE (no DE rules → SE law): no agreement covers DE, EUR not SEK
                row("SE creditor, debtor in DE, EUR: no agreement, currency",
                        se().debtorCountry("DE").address(address("Unter den Linden 1", "10117", "Berlin")).currency("EUR")
                                .due("2025-03-10").notice(PAMINNELSE, "2025-03-15", "2025-03-25", null), "2025-04-01",
                        rejected("NO_AGREEMENT", "CURRENCY_NOT_ACCEPTED").flags("DEBTOR_ABROAD")));
    }

    // ================================================================================================
    // The tests
    // ================================================================================================

    @ParameterizedTest(name = "{0}")
    @MethodSource("daysAfterDue")
    void daysAfterDue(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inkassovarsel")
    void inkassovarsel(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reminderRequired")
    void reminderRequired(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitation")
    void limitation(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rates")
    void rates(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collectionFee")
    void collectionFee(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("noticeFees")
    void noticeFees(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("minors")
    void minors(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("agencyAndClaim")
    void agencyAndClaim(Row row) {
        check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("severalReasons")
    void severalReasons(Row row) {
        check(row);
    }

    static void check(Row row) {
        Decision d = row.rules().decide(row.claim(), row.asOf());
        Expect e = row.expect();
        String why = " [" + d.summary() + "]";
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(d.verdict()).as("verdict" + why).isEqualTo(e.verdict);
        soft.assertThat(d.reasonCodes()).as("reason codes" + why).containsExactlyElementsOf(e.codes);
        soft.assertThat(d.eligibleFrom()).as("eligibleFrom" + why).isEqualTo(e.eligibleFrom);
        soft.assertThat(d.flags()).as("flags" + why).containsExactlyElementsOf(e.flags);
        if (e.agency != null) {
            soft.assertThat(d.agency()).as("agency").isEqualTo(e.agency);
        }
        e.rules.forEach((rule, expected) -> {
            RuleCheck c = d.rule(rule);
            soft.assertThat(c.outcome()).as("rule " + rule + ": " + c.explanation()).isEqualTo(expected.outcome());
            if (expected.from() != null) {
                soft.assertThat(c.from()).as("rule " + rule + " from").isEqualTo(expected.from());
            }
        });
        e.summaryParts.forEach(part -> soft.assertThat(d.summary()).as("summary").contains(part));
        e.explanations.forEach(x -> soft.assertThat(d.rule(x.getKey()).explanation()).as("rule " + x.getKey()).contains(x.getValue()));
        if (e.verdict == Verdict.ELIGIBLE) {
            assertThat(e.amounts).as("an ELIGIBLE row must state its amounts").isNotNull();
            Amounts a = d.amounts();
            assertThat(a).as("amounts" + why).isNotNull();
            soft.assertThat(a.principal().toPlainString()).as("principal").isEqualTo(e.amounts[0]);
            soft.assertThat(a.interest().total().toPlainString()).as("interest").isEqualTo(e.amounts[1]);
            soft.assertThat(a.noticeFeesTotal().toPlainString()).as("notice fees").isEqualTo(e.amounts[2]);
            soft.assertThat(a.collectionFee().toPlainString()).as("collection fee").isEqualTo(e.amounts[3]);
            soft.assertThat(a.total().toPlainString()).as("total").isEqualTo(e.amounts[4]);
            if (e.interestLines != null) {
                soft.assertThat(a.interest().lines().stream()
                                .map(l -> l.from() + ".." + l.to() + " " + l.days() + "d "
                                        + l.ratePercent().stripTrailingZeros().toPlainString() + "% " + l.amount().toPlainString())
                                .toList())
                        .as("interest lines").containsExactlyElementsOf(e.interestLines);
            }
            if (e.feeLines != null) {
                soft.assertThat(a.noticeFees().stream()
                                .map(f -> f.notice() + " " + f.sentOn() + " " + f.charged().toPlainString() + "->"
                                        + f.allowed().toPlainString())
                                .toList())
                        .as("fee lines").containsExactlyElementsOf(e.feeLines);
            }
            if (e.heavy != null) {
                soft.assertThat(a.heavyCollectionFee().toPlainString()).as("heavy collection fee").isEqualTo(e.heavy);
            }
            if (e.vat != null) {
                soft.assertThat(a.collectionFeeIncludesVat()).as("collection fee includes VAT").isEqualTo(e.vat);
            }
        } else {
            soft.assertThat(d.amounts()).as("no amounts unless ELIGIBLE").isNull();
        }
        soft.assertAll();
    }

    // ================================================================================================
    // Rows and expectations
    // ================================================================================================

    /** One table row: a claim, the decision date, and what the decision must say. */
    record Row(String name, EligibilityRules rules, Claim claim, LocalDate asOf, Expect expect) {
        @Override
        public String toString() {
            return name + " (as of " + asOf + ")";
        }
    }

    static Row row(String name, ClaimFixture claim, String asOf, Expect expect) {
        return rowWith(RULES, name, claim, asOf, expect);
    }

    static Row rowWith(EligibilityRules rules, String name, ClaimFixture claim, String asOf, Expect expect) {
        return new Row(name, rules, claim.build(), LocalDate.parse(asOf), expect);
    }

    /** A collection-fee bracket row: the standard claim with {@code principal}, as of 2025-03-01. */
    static Row fee(String principal, String interest, String ceiling, String total) {
        return row("fee bracket " + principal, ready().amount(principal), "2025-03-01",
                eligible(principal, interest, "0.00", ceiling, total));
    }

    record ExpectedRule(RuleOutcome outcome, LocalDate from) {
    }

    /** What a decision must say; verdict, codes, eligibleFrom and flags are always compared exactly. */
    static final class Expect {
        final Verdict verdict;
        final List<String> codes;
        final LocalDate eligibleFrom;
        List<String> flags = List.of();
        String agency;
        String[] amounts;
        List<String> interestLines;
        List<String> feeLines;
        String heavy;
        Boolean vat;
        final Map<String, ExpectedRule> rules = new LinkedHashMap<>();
        final List<String> summaryParts = new ArrayList<>();
        final List<Map.Entry<String, String>> explanations = new ArrayList<>();

        Expect(Verdict verdict, LocalDate eligibleFrom, String... codes) {
            this.verdict = verdict;
            this.eligibleFrom = eligibleFrom;
            this.codes = List.of(codes);
        }

        Expect flags(String... flags) {
            this.flags = List.of(flags);
            return this;
        }

        Expect agency(String agency) {
            this.agency = agency;
            return this;
        }

        Expect rule(String rule, RuleOutcome outcome) {
            rules.put(rule, new ExpectedRule(outcome, null));
            return this;
        }

        Expect rule(String rule, RuleOutcome outcome, String from) {
            rules.put(rule, new ExpectedRule(outcome, LocalDate.parse(from)));
            return this;
        }

        /** The explanation of {@code rule} contains {@code part}. */
        Expect explains(String rule, String part) {
            explanations.add(Map.entry(rule, part));
            return this;
        }

        Expect summary(String part) {
            summaryParts.add(part);
            return this;
        }

        /** Each "from..to Nd rate% amount". */
        Expect interestLines(String... lines) {
            interestLines = List.of(lines);
            return this;
        }

        /** Each "KIND sentOn charged->allowed". */
        Expect feeLines(String... lines) {
            feeLines = List.of(lines);
            return this;
        }

        Expect heavy(String heavy) {
            this.heavy = heavy;
            return this;
        }

        Expect vat(boolean vat) {
            this.vat = vat;
            return this;
        }

        @Override
        public String toString() {
            return verdict + " " + codes + (amounts == null ? "" : " " + Arrays.toString(amounts));
        }
    }

    static Expect eligible(String principal, String interest, String noticeFees, String collectionFee, String total) {
        Expect e = new Expect(Verdict.ELIGIBLE, null);
        e.amounts = new String[] {principal, interest, noticeFees, collectionFee, total};
        return e;
    }

    static Expect notYet(String eligibleFrom, String... codes) {
        return new Expect(Verdict.NOT_YET, LocalDate.parse(eligibleFrom), codes);
    }

    static Expect rejected(String... codes) {
        return new Expect(Verdict.REJECTED, null, codes);
    }

    static Expect review(String... codes) {
        return new Expect(Verdict.MANUAL_REVIEW, null, codes);
    }

    // ================================================================================================
    // Claims
    // ================================================================================================

    /** Creditor 923609016 (no-standard), adult Norwegian consumer, 1000 NOK due 2025-01-15, no notices. */
    static ClaimFixture no() {
        return ClaimFixture.norwegianConsumer();
    }

    /** {@link #no()} with an inkassovarsel 2025-02-01, deadline 2025-02-15 (14 days): eligible from 2025-02-20. */
    static ClaimFixture ready() {
        return no().varsel("2025-02-01", "2025-02-15");
    }

    /** {@link #no()} due 2022-01-15 with a valid varsel: last day of limitation 2025-01-15. */
    static ClaimFixture old() {
        return no().due("2022-01-15").varsel("2022-02-01", "2022-02-15");
    }

    /** {@link #no()} for creditor 111111111 (no-strict). */
    static ClaimFixture strict() {
        return no().creditor(STRICT);
    }

    /**
     * no-strict with a reminder 2025-01-16 (deadline 2025-01-23) and a varsel 2025-01-20 (deadline 2025-02-10):
     * eligible from 2025-02-11 (the varsel; 21 days after due are 2025-02-05).
     */
    static ClaimFixture strictReady() {
        return strict().notice(REMINDER, "2025-01-16", "2025-01-23", null).varsel("2025-01-20", "2025-02-10");
    }

    static ClaimFixture se() {
        return ClaimFixture.swedishConsumer();
    }

    /** Creditor 5560743089 (se-lenient), adult Swedish consumer, 1000 SEK due 2025-03-10. */
    static ClaimFixture seLenient() {
        return se().creditor(SE_LENIENT).due("2025-03-10");
    }

    /** Creditor 5560360793 (se-standard), due 2025-03-10, påminnelse 2025-03-15 deadline 2025-03-25: from 2025-03-26. */
    static ClaimFixture seStandardReady() {
        return se().due("2025-03-10").notice(PAMINNELSE, "2025-03-15", "2025-03-25", null);
    }

    private static Path agenciesWithEndedAgreement() {
        try {
            String yaml = Files.readString(TEST_AGENCIES).replace("agreements:\n",
                    "agreements:\n  - creditor: \"" + ENDED_CREDITOR + "\"\n    agency: no-standard\n    from: 2024-01-01\n    to: 2025-02-28\n");
            if (!yaml.contains(ENDED_CREDITOR)) {
                throw new IllegalStateException("no agreements: section in " + TEST_AGENCIES);
            }
            Path file = Files.createTempFile("agencies-ended", ".yml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
