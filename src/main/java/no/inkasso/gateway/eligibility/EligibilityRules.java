package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import no.inkasso.gateway.claims.ids.NationalIdScheme;
import no.inkasso.gateway.claims.ids.NationalIds;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.ClaimType;
import no.inkasso.gateway.claims.model.Debtor;
import no.inkasso.gateway.claims.model.DebtorType;
import no.inkasso.gateway.claims.model.Notice;
import no.inkasso.gateway.claims.model.NoticeKind;
import no.inkasso.gateway.claims.model.Payment;
import no.inkasso.gateway.claims.model.PaymentKind;
import no.inkasso.gateway.claims.model.PostalAddress;

/**
 * The eligibility rules engine: {@code decide(claim, asOf)} checks a claim against the law of the
 * debtor's country (the creditor's when the gateway has no rules for the debtor's) and the terms of
 * the agency the creditor's agreement sends it to, and for an eligible claim works out the amount to
 * collect. Plain Java: all figures come from the {@link RuleBook}; nothing here reads a clock.
 *
 * <p>Every rule is always checked and listed, so a creditor sees every reason at once. The verdict:
 * any failed rule → {@link Verdict#REJECTED} (all failed codes); else any rule needing review →
 * {@link Verdict#MANUAL_REVIEW}; else any rule met only later → {@link Verdict#NOT_YET} from the
 * latest of those dates; else {@link Verdict#ELIGIBLE}.
 */
public final class EligibilityRules {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private final RuleBook book;
    private final FeeCalculator fees;
    private final InterestCalculator norwegianInterest;
    private final InterestCalculator swedishInterest;

    public EligibilityRules(RuleBook book) {
        this.book = Objects.requireNonNull(book, "book");
        this.fees = new FeeCalculator(book.norway(), book.sweden());
        this.norwegianInterest = new InterestCalculator(book.norway().lateInterest());
        this.swedishInterest = new InterestCalculator(book.sweden().lateInterest());
    }

    public RuleBook book() {
        return book;
    }

    public Decision decide(Claim claim, LocalDate asOf) {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(asOf, "asOf");
        return new Evaluation(claim, asOf).run();
    }

    /** One decision's working state. */
    private final class Evaluation {

        private final Claim claim;
        private final LocalDate asOf;
        private final LocalDate due;
        private final String jurisdiction;
        private final List<RuleCheck> checks = new ArrayList<>();
        private final List<String> flags = new ArrayList<>();
        private RulePack pack;
        private AgencyTerms agency;
        private boolean minor;

        Evaluation(Claim claim, LocalDate asOf) {
            this.claim = claim;
            this.asOf = asOf;
            this.due = claim.getInvoice().getDueDate();
            String debtorCountry = claim.getDebtor().getCountry();
            this.jurisdiction = book.hasJurisdiction(debtorCountry) ? debtorCountry : claim.getCreditor().getCountry();
        }

        Decision run() {
            Optional<RulePack> found = book.pack(jurisdiction, asOf);
            if (found.isEmpty()) {
                add("rule-pack", RuleOutcome.REVIEW, "NO_RULE_PACK",
                        "No " + jurisdiction + " rule pack is in force on " + asOf + "; an operator must add one",
                        local("Ingen regelpakke gjelder " + asOf, "Inget regelpaket gäller " + asOf), null);
                return decision(null);
            }
            pack = found.get();
            add("rule-pack", RuleOutcome.PASS, null,
                    "The " + jurisdiction + " rules in force from " + pack.from() + " apply (" + lawName() + ")",
                    local("Norske regler fra " + pack.from() + " gjelder", "Svenska regler från " + pack.from() + " gäller"), null);
            checkAgreement();
            checkJurisdictionServed();
            checkClaimType();
            checkDebtorAbroad();
            checkCurrency();
            BigDecimal principal = checkOutstanding();
            checkAgencyAmount(principal);
            checkDispute();
            checkPostalAddress();
            checkMinor();
            checkDaysAfterDue();
            checkReminder();
            checkRequiredNotice();
            checkLimitation();
            Amounts amounts = null;
            if (worst() == null) {
                amounts = amounts(principal);
            } else {
                add("amounts", RuleOutcome.NOT_APPLICABLE, null,
                        "The amount to collect is worked out once the claim is otherwise eligible", null, null);
            }
            return decision(amounts);
        }

        // ---- agency terms ----

        private void checkAgreement() {
            String creditor = claim.getCreditor().getOrgNumber();
            ClaimType type = claim.getClaimType();
            Optional<Agreement> agreement = book.agreementFor(creditor, claim.getDebtor().getCountry(), type,
                    claim.getInvoice().getOutstandingAmount(), asOf);
            if (agreement.isEmpty()) {
                String why = book.hasAnyAgreement(creditor, asOf)
                        ? "Creditor " + creditor + " has no agency agreement covering a debtor in " + claim.getDebtor().getCountry()
                                + " with a " + type + " claim of " + claim.getInvoice().getOutstandingAmount() + " " + claim.getInvoice().getCurrency() + " on " + asOf
                        : "Creditor " + creditor + " has no agency agreement in force on " + asOf;
                add("agency-agreement", RuleOutcome.FAIL, "NO_AGREEMENT", why,
                        local("Kreditor har ingen avtale med et inkassobyrå som dekker kravet",
                                "Borgenären har inget avtal med ett inkassobolag som omfattar fordran"), null);
                return;
            }
            agency = book.agency(agreement.get().agency()).orElseThrow();
            add("agency-agreement", RuleOutcome.PASS, null,
                    "Creditor " + creditor + "'s cases go to " + agency.name() + " (" + agency.id() + ", agreement from "
                            + agreement.get().from() + ")", null, null);
        }

        private void checkJurisdictionServed() {
            if (agency == null) {
                notApplicable("agency-jurisdiction", "No agency to check");
                return;
            }
            if (!agency.jurisdictions().contains(jurisdiction)) {
                add("agency-jurisdiction", RuleOutcome.FAIL, "JURISDICTION_NOT_SERVED",
                        agency.name() + " does not collect under " + jurisdiction + " law (serves " + agency.jurisdictions() + ")",
                        null, null);
            } else {
                add("agency-jurisdiction", RuleOutcome.PASS, null, agency.name() + " collects under " + jurisdiction + " law",
                        null, null);
            }
        }

        private void checkClaimType() {
            ClaimType type = claim.getClaimType();
            if (agency == null) {
                notApplicable("agency-claim-type", "No agency to check");
            } else if (agency.refusedClaimTypes().contains(type)) {
                add("agency-claim-type", RuleOutcome.FAIL, "CLAIM_TYPE_REFUSED",
                        agency.name() + " does not take " + type + " claims; they need another service",
                        local("Inkassobyrået tar ikke krav av typen " + type, "Inkassobolaget tar inte emot fordringar av typen " + type),
                        null);
            } else {
                add("agency-claim-type", RuleOutcome.PASS, null, agency.name() + " takes " + type + " claims", null, null);
            }
        }

        private void checkDebtorAbroad() {
            String country = claim.getDebtor().getCountry();
            boolean abroad = agency == null ? !country.equals(jurisdiction) : !agency.jurisdictions().contains(country);
            if (!abroad) {
                add("agency-debtor-abroad", RuleOutcome.PASS, null, "The debtor lives in " + country, null, null);
            } else if (agency != null && agency.refusesDebtorAbroad()) {
                add("agency-debtor-abroad", RuleOutcome.FAIL, "DEBTOR_ABROAD_REFUSED",
                        agency.name() + " does not take debtors abroad (debtor lives in " + country + ")",
                        local("Inkassobyrået tar ikke skyldnere i utlandet", "Inkassobolaget tar inte gäldenärer utomlands"), null);
            } else {
                flags.add("DEBTOR_ABROAD");
                add("agency-debtor-abroad", RuleOutcome.PASS, null,
                        "The debtor lives abroad (" + country + "); " + (agency == null ? "no agency to refuse it" : agency.name() + " accepts that"),
                        null, null);
            }
        }

        private void checkCurrency() {
            String currency = claim.getInvoice().getCurrency();
            if (!pack.currencies().contains(currency)) {
                add("currency", RuleOutcome.FAIL, "CURRENCY_NOT_ACCEPTED",
                        "Claims under " + jurisdiction + " law are collected in " + pack.currencies() + ", not " + currency,
                        local("Kravet må være i " + pack.currencies(), "Fordran måste vara i " + pack.currencies()), null);
            } else if (agency != null && !agency.currencies().contains(currency)) {
                add("currency", RuleOutcome.FAIL, "CURRENCY_NOT_ACCEPTED",
                        agency.name() + " collects in " + agency.currencies() + ", not " + currency, null, null);
            } else {
                add("currency", RuleOutcome.PASS, null, currency + " is accepted", null, null);
            }
        }

        /** The principal to collect: the ledger's outstanding amount, checked against the payments it lists. */
        private BigDecimal checkOutstanding() {
            BigDecimal outstanding = claim.getInvoice().getOutstandingAmount();
            BigDecimal paid = claim.getPayments().stream().map(Payment::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal left = claim.getInvoice().getOriginalAmount().subtract(paid);
            if (outstanding.signum() <= 0) {
                add("outstanding", RuleOutcome.FAIL, "NOTHING_OUTSTANDING",
                        "Nothing is outstanding after payments and credits", local("Ingenting utestående", "Inget utestående belopp"),
                        null);
            } else if (left.compareTo(outstanding) < 0) {
                add("outstanding", RuleOutcome.REVIEW, "AMOUNTS_DISAGREE",
                        "The outstanding amount " + outstanding + " is more than the original " + claim.getInvoice().getOriginalAmount()
                                + " less the payments and credits listed (" + paid + "): a payment may not be booked",
                        null, null);
            } else {
                add("outstanding", RuleOutcome.PASS, null, outstanding + " " + claim.getInvoice().getCurrency()
                        + " outstanding after payments and credits", null, null);
            }
            return outstanding;
        }

        private void checkAgencyAmount(BigDecimal principal) {
            if (agency == null) {
                notApplicable("agency-amount", "No agency to check");
            } else if (principal.signum() <= 0) {
                notApplicable("agency-amount", "Nothing is outstanding");
            } else if (agency.minAmount() != null && principal.compareTo(agency.minAmount()) < 0) {
                add("agency-amount", RuleOutcome.FAIL, "BELOW_AGENCY_MINIMUM",
                        "The outstanding " + principal + " is below " + agency.name() + "'s minimum of " + agency.minAmount(), null, null);
            } else if (agency.maxAmount() != null && principal.compareTo(agency.maxAmount()) > 0) {
                add("agency-amount", RuleOutcome.FAIL, "ABOVE_AGENCY_MAXIMUM",
                        "The outstanding " + principal + " is above " + agency.name() + "'s maximum of " + agency.maxAmount(), null, null);
            } else {
                add("agency-amount", RuleOutcome.PASS, null, "The amount is within " + agency.name() + "'s limits", null, null);
            }
        }

        // ---- the law ----

        private void checkDispute() {
            if (Boolean.TRUE.equals(claim.isDisputed())) {
                add("dispute", RuleOutcome.FAIL, "DISPUTED",
                        "The debtor disputes the claim: ordinary collection must stop; it can only be pursued in court"
                                + ("NO".equals(jurisdiction) ? " (forliksråd)" : " (tingsrätt or betalningsföreläggande)"),
                        local("Kravet er bestridt: ordinær inkasso må stanse; kravet kan bare forfølges rettslig",
                                "Fordran är bestridd: inkasso får inte fortsätta; den kan bara drivas rättsligt"), null);
            } else {
                add("dispute", RuleOutcome.PASS, null, "The claim is not disputed", null, null);
            }
        }

        private void checkPostalAddress() {
            PostalAddress address = claim.getDebtor().getAddress();
            String country = claim.getDebtor().getCountry();
            if (address == null || address.getLines().isEmpty()) {
                add("postal-address", RuleOutcome.FAIL, "NO_POSTAL_ADDRESS",
                        "The debtor has no postal address: notices must be sent by post",
                        local("Skyldner mangler postadresse", "Gäldenären saknar postadress"), null);
                return;
            }
            Optional<RulePack> countryRules = book.pack(country, asOf);
            if (countryRules.isPresent() && !countryRules.get().postalCodeUsable(address.getPostalCode())) {
                add("postal-address", RuleOutcome.FAIL, "POSTAL_ADDRESS_UNUSABLE",
                        "Postal code '" + address.getPostalCode() + "' is not a " + country + " postal code",
                        local("Ugyldig postnummer", "Ogiltigt postnummer"), null);
            } else {
                add("postal-address", RuleOutcome.PASS, null, "The debtor has a postal address in " + country, null, null);
            }
        }

        private void checkMinor() {
            Debtor debtor = claim.getDebtor();
            if (debtor.getType() != DebtorType.PERSON) {
                notApplicable("minor", "The debtor is an organisation");
                return;
            }
            Optional<LocalDate> born = birthDate(debtor);
            if (born.isEmpty()) {
                flags.add("AGE_UNKNOWN");
                add("minor", RuleOutcome.PASS, null,
                        "The debtor's age is not known (no date of birth or personal id); the agency must check it", null, null);
                return;
            }
            int age = Period.between(born.get(), asOf).getYears();
            // The day the age above first reaches minor-age: for a 29 February birthday in a common year
            // that is 1 March (plusYears alone would say 28 February, a day the debtor is still a minor).
            LocalDate anniversary = born.get().plusYears(pack.minorAge());
            LocalDate ofAge = anniversary.getDayOfMonth() == born.get().getDayOfMonth() ? anniversary : anniversary.plusDays(1);
            if (age >= pack.minorAge()) {
                add("minor", RuleOutcome.PASS, null, "The debtor is of age (" + age + ")", null, null);
                return;
            }
            minor = true;
            if (agency != null && agency.minors() == AgencyTerms.MinorPolicy.REJECT) {
                add("minor", RuleOutcome.FAIL, "DEBTOR_MINOR",
                        "The debtor is " + age + " (under " + pack.minorAge() + " until " + ofAge + ") and " + agency.name()
                                + " does not take claims against minors",
                        local("Skyldner er mindreårig", "Gäldenären är underårig"), null);
            } else {
                flags.add("MINOR_PROCEDURE");
                add("minor", RuleOutcome.PASS, null,
                        "The debtor is " + age + " (under " + pack.minorAge() + " until " + ofAge
                                + "): no fees or collection costs, and the agency must follow its procedure for minors",
                        local("Skyldner er mindreårig: ingen gebyrer eller inkassokostnader", "Gäldenären är underårig: inga avgifter"),
                        null);
            }
        }

        private void checkDaysAfterDue() {
            int minDays = Math.max(pack.minDaysAfterDue(), agency == null ? 0 : agency.minDaysAfterDue());
            LocalDate from = due.plusDays(minDays);
            long daysPast = ChronoUnit.DAYS.between(due, asOf);
            String rule = minDays == 1 ? "the due date has to have passed"
                    : "at least " + minDays + " days must have passed since the due date";
            if (asOf.isBefore(from)) {
                add("days-after-due", RuleOutcome.NOT_YET, "TOO_SOON_AFTER_DUE",
                        (daysPast < 0 ? "The invoice is not due until " + due : "Only " + daysPast + " days since the due date " + due)
                                + "; " + rule + " (from " + from + ")",
                        local("For tidlig: tidligst " + from, "För tidigt: tidigast " + from), from);
            } else {
                add("days-after-due", RuleOutcome.PASS, null, daysPast + " days since the due date " + due + "; " + rule, null, null);
            }
        }

        private void checkReminder() {
            String source = claim.getSource().getSystem();
            boolean byAgency = agency != null && agency.reminderRequired();
            boolean byLedger = book.ledgerRequiresReminder(source);
            NoticeKind kind = pack.reminderKind();
            if (!byAgency && !byLedger) {
                notApplicable("reminder", "No " + kind + " is required before collection");
                return;
            }
            String who = byAgency ? agency.name() : "source system " + source;
            // A notice sent as a generic REMINDER counts as the jurisdiction's reminder (purring, påminnelse).
            Optional<Notice> latest = claim.getNotices().stream()
                    .filter(n -> n.getKind() == kind || n.getKind() == NoticeKind.REMINDER)
                    .filter(n -> n.getSentOn().isAfter(due))
                    .max(Comparator.comparing(Notice::getSentOn));
            if (latest.isEmpty()) {
                add("reminder", RuleOutcome.FAIL, "REMINDER_REQUIRED",
                        who + " requires a " + kind + " sent after the due date before collection, and none is recorded",
                        local("Purring må sendes før inkasso", "Påminnelse måste skickas före inkasso"), null);
                return;
            }
            Notice n = latest.get();
            LocalDate ready = (n.getDeadline() != null ? n.getDeadline() : n.getSentOn()).plusDays(Math.max(graceDays(), 1));
            if (asOf.isBefore(ready)) {
                add("reminder", RuleOutcome.NOT_YET, "REMINDER_DEADLINE_NOT_PASSED",
                        "The " + kind + " of " + n.getSentOn() + (n.getDeadline() == null ? "" : " has a deadline of " + n.getDeadline())
                                + "; the case may go from " + ready + graceNote(),
                        local("Venter på purrefristen til " + ready, "Väntar på påminnelsens förfallodag till " + ready), ready);
            } else {
                add("reminder", RuleOutcome.PASS, null, "A " + kind + " was sent on " + n.getSentOn()
                        + (n.getDeadline() == null ? "" : " with a deadline of " + n.getDeadline()) + ", as " + who + " requires", null, null);
            }
        }

        private void checkRequiredNotice() {
            NoticeKind kind = pack.requiredNotice();
            if (kind == null) {
                notApplicable("notice", "No notice is required by " + jurisdiction + " law before a case goes to an agency");
                return;
            }
            List<Notice> sent = notices(kind);
            int minDeadline = pack.requiredNoticeMinDeadlineDays();
            if (sent.isEmpty()) {
                add("notice", RuleOutcome.FAIL, "NO_NOTICE",
                        "No " + kind + " is recorded: one must be sent after the due date with at least " + minDeadline
                                + " days to pay before collection",
                        local("Inkassovarsel er ikke sendt", "Ingen inkassovarsel"), null);
                return;
            }
            List<Notice> valid = sent.stream()
                    .filter(n -> n.getSentOn().isAfter(due) && !deadlineOf(n).isBefore(n.getSentOn().plusDays(minDeadline)))
                    .toList();
            if (valid.isEmpty()) {
                Notice last = sent.get(sent.size() - 1);
                if (!last.getSentOn().isAfter(due)) {
                    add("notice", RuleOutcome.FAIL, "NOTICE_BEFORE_DUE",
                            "The " + kind + " of " + last.getSentOn() + " was sent before the invoice was overdue (due " + due
                                    + "); a new one must be sent after the due date",
                            local("Inkassovarselet ble sendt før forfall", "Inkassovarsel skickades före förfallodagen"), null);
                } else {
                    add("notice", RuleOutcome.FAIL, "NOTICE_DEADLINE_TOO_SHORT",
                            "The " + kind + " of " + last.getSentOn() + " gave until " + last.getDeadline() + ", less than the "
                                    + minDeadline + " days the law requires; a new one must be sent",
                            local("Fristen i inkassovarselet er kortere enn " + minDeadline + " dager", "För kort frist"), null);
                }
                return;
            }
            Notice n = valid.get(valid.size() - 1);
            LocalDate deadline = deadlineOf(n);
            String assumed = n.getDeadline() == null ? " (no deadline recorded: the legal minimum of " + minDeadline + " days assumed)" : "";
            LocalDate ready = deadline.plusDays(Math.max(graceDays(), 1));
            if (asOf.isBefore(ready)) {
                add("notice", RuleOutcome.NOT_YET, "NOTICE_DEADLINE_NOT_PASSED",
                        "The " + kind + " of " + n.getSentOn() + " gives the debtor until " + deadline + assumed
                                + "; the case may go from " + ready + graceNote(),
                        local("Fristen i inkassovarselet løper til " + deadline + "; tidligst " + ready,
                                "Fristen löper till " + deadline + "; tidigast " + ready), ready);
            } else {
                add("notice", RuleOutcome.PASS, null,
                        "The " + kind + " of " + n.getSentOn() + " gave until " + deadline + assumed + ", which has passed", null, null);
            }
        }

        private void checkLimitation() {
            DebtorKind kind = debtorKind();
            int years = pack.limitationYears(kind);
            // Interruptions in date order; one after the claim was already barred does not revive it.
            List<Interruption> events = new ArrayList<>();
            if (claim.getAcknowledgedOn() != null) {
                events.add(new Interruption(claim.getAcknowledgedOn(), years, "acknowledgement of " + claim.getAcknowledgedOn()));
            }
            claim.getPayments().stream().filter(p -> p.getKind() == PaymentKind.PAYMENT)
                    .forEach(p -> events.add(new Interruption(p.getDate(), years, "part payment of " + p.getDate())));
            if (claim.getLegalStepOn() != null) {
                events.add(new Interruption(claim.getLegalStepOn(), pack.limitationLegalStepYears(), "legal step of " + claim.getLegalStepOn()));
            }
            if (pack.noticesInterruptLimitation()) {
                claim.getNotices().stream().filter(n -> n.getSentOn().isAfter(due))
                        .forEach(n -> events.add(new Interruption(n.getSentOn(), years, n.getKind() + " of " + n.getSentOn())));
            }
            events.sort(Comparator.comparing(Interruption::date));
            LocalDate lastDay = due.plusYears(years);
            String basis = years + " years from the due date " + due;
            for (Interruption e : events) {
                if (!e.date().isAfter(lastDay) && e.date().plusYears(e.years()).isAfter(lastDay)) {
                    lastDay = e.date().plusYears(e.years());
                    basis = e.years() + " years from the " + e.what();
                }
            }
            long left = ChronoUnit.DAYS.between(asOf, lastDay);
            LocalDate waitUntil = latestWait();
            LocalDate loanLastDay = pack.loanClaimTypes().contains(claim.getClaimType())
                    ? lastDay(events, pack.limitationLoanYears()) : null;
            if (asOf.isAfter(lastDay) && loanLastDay != null && !asOf.isAfter(loanLastDay)) {
                add("limitation", RuleOutcome.REVIEW, "POSSIBLY_TIME_BARRED",
                        "More than " + years + " years have run (" + basis + ", ended " + lastDay + "); a " + claim.getClaimType()
                                + " claim based on a loan or promissory note (gjeldsbrev) has " + pack.limitationLoanYears()
                                + " years, until " + loanLastDay + ": a person must check what the claim rests on",
                        local("Kan være foreldet: 3 år er gått, 10 år gjelder for lån og gjeldsbrev",
                                "Kan vara preskriberad"), null);
            } else if (asOf.isAfter(lastDay)) {
                add("limitation", RuleOutcome.FAIL, "TIME_BARRED",
                        "Time-barred: the limitation period ended on " + lastDay + " (" + basis + ")",
                        local("Kravet er foreldet (" + lastDay + ")", "Fordran är preskriberad (" + lastDay + ")"), null);
            } else if (left <= pack.reviewDaysBeforeLimitation()) {
                add("limitation", RuleOutcome.REVIEW, "NEAR_LIMITATION",
                        "Only " + left + " days until the claim is time-barred on " + lastDay + " (" + basis
                                + "): a person must decide, a legal step may be needed to interrupt it",
                        local("Kravet foreldes " + lastDay, "Fordran preskriberas " + lastDay), null);
            } else if (waitUntil != null && ChronoUnit.DAYS.between(waitUntil, lastDay) <= pack.reviewDaysBeforeLimitation()) {
                add("limitation", RuleOutcome.REVIEW, "NEAR_LIMITATION",
                        "The claim becomes eligible only on " + waitUntil + ", close to or after the end of limitation on " + lastDay
                                + " (" + basis + "): a person must decide",
                        local("Kravet foreldes " + lastDay, "Fordran preskriberas " + lastDay), null);
            } else {
                add("limitation", RuleOutcome.PASS, null,
                        "Not time-barred: limitation runs until " + lastDay + " (" + basis + "), " + left + " days left", null, null);
            }
        }

        private record Interruption(LocalDate date, int years, String what) {
        }

        /**
         * The last day before the bar with {@code baseYears} as the ordinary period (a restart by
         * acknowledgement or payment gives the same period again; a legal step keeps its own).
         * Interruptions in date order; one after the claim was already barred does not revive it.
         */
        private LocalDate lastDay(List<Interruption> events, int baseYears) {
            int ordinary = pack.limitationYears(debtorKind());
            LocalDate last = due.plusYears(baseYears);
            for (Interruption e : events) {
                int years = e.years() == ordinary ? baseYears : e.years();
                if (!e.date().isAfter(last) && e.date().plusYears(years).isAfter(last)) {
                    last = e.date().plusYears(years);
                }
            }
            return last;
        }

        // ---- amounts ----

        private Amounts amounts(BigDecimal principal) {
            boolean norway = "NO".equals(jurisdiction);
            InterestCalculator interestCalculator = norway ? norwegianInterest : swedishInterest;
            Outcome<Interest> interest = interestCalculator.interest(principal, due, asOf);
            if (interest instanceof Outcome.NoRate<Interest> no) {
                return noRate(no.missing());
            }
            List<FeeLine> lines = new ArrayList<>();
            Outcome<?> missing = norway ? norwegianNoticeFees(lines) : swedishNoticeFees(lines);
            if (missing instanceof Outcome.NoRate<?> no) {
                return noRate(no.missing());
            }
            BigDecimal noticeFees = lines.stream().map(FeeLine::allowed).reduce(ZERO, BigDecimal::add);
            BigDecimal collectionFee;
            BigDecimal heavy = null;
            boolean vat = false;
            if (norway) {
                boolean vatRegistered = claim.getCreditor().isVatRegistered();
                Outcome<BigDecimal> light = fees.norwegianCollectionFeeCeiling(principal, asOf, debtorKind(), vatRegistered, minor);
                Outcome<BigDecimal> heavyCeiling = fees.norwegianHeavyCollectionFeeCeiling(principal, asOf, debtorKind(), vatRegistered, minor);
                if (light instanceof Outcome.NoRate<BigDecimal> no) {
                    return noRate(no.missing());
                }
                if (heavyCeiling instanceof Outcome.NoRate<BigDecimal> no) {
                    return noRate(no.missing());
                }
                collectionFee = ((Outcome.Ok<BigDecimal>) light).value();
                heavy = ((Outcome.Ok<BigDecimal>) heavyCeiling).value();
                vat = !vatRegistered && !minor;
            } else {
                Outcome<SwedishFees> se = fees.swedishFees(asOf, debtorKind(), false);
                if (se instanceof Outcome.NoRate<SwedishFees> no) {
                    return noRate(no.missing());
                }
                SwedishFees sf = ((Outcome.Ok<SwedishFees>) se).value();
                boolean creditorSentInkassokrav = lines.stream().anyMatch(l -> l.notice().equals(NoticeKind.INKASSOKRAV.name())
                        && l.allowed().signum() > 0);
                collectionFee = minor || creditorSentInkassokrav ? ZERO : sf.collectionFee().add(sf.b2bCompensation());
            }
            Interest owed = ((Outcome.Ok<Interest>) interest).value();
            BigDecimal total = principal.add(owed.total()).add(noticeFees).add(collectionFee).setScale(2, RoundingMode.HALF_UP);
            String currency = claim.getInvoice().getCurrency();
            add("amounts", RuleOutcome.PASS, null,
                    "To collect " + total + " " + currency + ": principal " + principal + ", interest " + owed.total() + " ("
                            + owed.days() + " days), notice fees " + noticeFees + ", " + (norway ? "collection fee ceiling " : "collection fee ")
                            + collectionFee + (vat ? " incl. VAT" : ""), null, null);
            return new Amounts(currency, principal.setScale(2, RoundingMode.HALF_UP), owed, lines, noticeFees, collectionFee, heavy, vat, total);
        }

        private Amounts noRate(MissingRate missing) {
            add("amounts", RuleOutcome.REVIEW, "NO_RATE",
                    "Cannot work out the amount: " + missing.reason() + "; an operator must add it to the rate table",
                    local("Mangler sats: " + missing.reason(), "Saknar sats: " + missing.reason()), null);
            return null;
        }

        /**
         * Norwegian reminder and notice fees (inkassoforskriften §§ 1-2, 1-3): a reminder or inkassovarsel
         * fee only for a notice sent at least 14 days after the due date, capped at 1/20 of the inkassosats
         * of its sending day; at most two such fees, the second only after the first reminder's deadline
         * of at least 14 days has passed, and none after an inkassovarsel fee; one fee, capped at 3/20, for
         * a betalingsoppfordring the creditor sent itself after a missed deadline of at least 14 days.
         */
        private Outcome<Void> norwegianNoticeFees(List<FeeLine> lines) {
            List<Notice> charged = claim.getNotices().stream()
                    .filter(n -> n.getFee() != null && n.getFee().signum() > 0)
                    .sorted(Comparator.comparing(Notice::getSentOn))
                    .toList();
            Notice firstReminder = null;
            int feeNotices = 0;
            boolean varselFee = false;
            boolean demandFee = false;
            LocalDate feeFrom = due.plusDays(pack.feeMinDaysAfterDue());
            for (Notice n : charged) {
                String kind = n.getKind().name();
                if (minor) {
                    lines.add(line(n, ZERO, "the debtor is under " + pack.minorAge() + ": no fees"));
                    continue;
                }
                if (n.getKind() == NoticeKind.REMINDER || n.getKind() == NoticeKind.INKASSOVARSEL) {
                    if (n.getSentOn().isBefore(feeFrom)) {
                        lines.add(line(n, ZERO, "sent " + ChronoUnit.DAYS.between(due, n.getSentOn()) + " days after the due date; a fee needs "
                                + pack.feeMinDaysAfterDue()));
                        continue;
                    }
                    if (varselFee) {
                        lines.add(line(n, ZERO, "no further fee after an inkassovarsel fee (§ 1-3)"));
                        continue;
                    }
                    if (feeNotices >= 2) {
                        lines.add(line(n, ZERO, "at most two reminder or notice fees (§ 1-3)"));
                        continue;
                    }
                    if (feeNotices == 1 && !missedFourteenDayDeadline(firstReminder, n.getSentOn())) {
                        lines.add(line(n, ZERO, "a second fee needs the first reminder's deadline of at least 14 days to have passed (§ 1-3)"));
                        continue;
                    }
                    Outcome<BigDecimal> cap = fees.norwegianReminderFeeCap(n.getSentOn());
                    if (cap instanceof Outcome.NoRate<BigDecimal> no) {
                        return Outcome.noRate(no.missing());
                    }
                    lines.add(capped(n, ((Outcome.Ok<BigDecimal>) cap).value(), "1/20 of the inkassosats"));
                    feeNotices++;
                    if (n.getKind() == NoticeKind.REMINDER && firstReminder == null) {
                        firstReminder = n;
                    }
                    varselFee = n.getKind() == NoticeKind.INKASSOVARSEL;
                } else if (n.getKind() == NoticeKind.BETALINGSOPPFORDRING) {
                    if (demandFee) {
                        lines.add(line(n, ZERO, "one betalingsoppfordring fee at most"));
                        continue;
                    }
                    boolean afterMissedDeadline = claim.getNotices().stream()
                            .filter(p -> p.getKind() == NoticeKind.REMINDER || p.getKind() == NoticeKind.INKASSOVARSEL)
                            .anyMatch(p -> missedFourteenDayDeadline(p, n.getSentOn()));
                    if (!afterMissedDeadline) {
                        lines.add(line(n, ZERO, "needs a missed deadline of at least 14 days in a reminder or inkassovarsel first"));
                        continue;
                    }
                    Outcome<BigDecimal> cap = fees.norwegianCreditorPaymentDemandFeeCap(n.getSentOn());
                    if (cap instanceof Outcome.NoRate<BigDecimal> no) {
                        return Outcome.noRate(no.missing());
                    }
                    lines.add(capped(n, ((Outcome.Ok<BigDecimal>) cap).value(), "3/20 of the inkassosats"));
                    demandFee = true;
                } else {
                    lines.add(line(n, ZERO, kind + " is not a Norwegian notice"));
                }
            }
            return Outcome.ok(null);
        }

        /** Swedish fees: one påminnelse fee (if the creditor charged it, i.e. agreed) up to the cap; B2B claims carry none. */
        private Outcome<Void> swedishNoticeFees(List<FeeLine> lines) {
            List<Notice> charged = claim.getNotices().stream()
                    .filter(n -> n.getFee() != null && n.getFee().signum() > 0)
                    .sorted(Comparator.comparing(Notice::getSentOn))
                    .toList();
            boolean reminderFee = false;
            boolean demandFee = false;
            for (Notice n : charged) {
                if (minor) {
                    lines.add(line(n, ZERO, "the debtor is under " + pack.minorAge() + ": no fees"));
                } else if (debtorKind() == DebtorKind.BUSINESS) {
                    lines.add(line(n, ZERO, "business debtor: the förseningsersättning replaces reminder and collection fees"));
                } else if (n.getKind() == NoticeKind.PAMINNELSE || n.getKind() == NoticeKind.REMINDER) {
                    if (reminderFee) {
                        lines.add(line(n, ZERO, "one påminnelseavgift at most"));
                        continue;
                    }
                    Outcome<SwedishFees> cap = fees.swedishFees(n.getSentOn(), DebtorKind.CONSUMER, true);
                    if (cap instanceof Outcome.NoRate<SwedishFees> no) {
                        return Outcome.noRate(no.missing());
                    }
                    lines.add(capped(n, ((Outcome.Ok<SwedishFees>) cap).value().reminderFee(), "the påminnelseavgift"));
                    reminderFee = true;
                } else if (n.getKind() == NoticeKind.INKASSOKRAV) {
                    if (demandFee) {
                        lines.add(line(n, ZERO, "one inkassoavgift at most"));
                        continue;
                    }
                    Outcome<SwedishFees> cap = fees.swedishFees(n.getSentOn(), DebtorKind.CONSUMER, false);
                    if (cap instanceof Outcome.NoRate<SwedishFees> no) {
                        return Outcome.noRate(no.missing());
                    }
                    lines.add(capped(n, ((Outcome.Ok<SwedishFees>) cap).value().collectionFee(), "the inkassoavgift"));
                    demandFee = true;
                } else {
                    lines.add(line(n, ZERO, n.getKind() + " is not a Swedish notice"));
                }
            }
            return Outcome.ok(null);
        }

        private boolean missedFourteenDayDeadline(Notice earlier, LocalDate before) {
            return earlier != null && earlier.getDeadline() != null
                    && !earlier.getDeadline().isBefore(earlier.getSentOn().plusDays(14))
                    && earlier.getDeadline().isBefore(before);
        }

        private FeeLine capped(Notice n, BigDecimal cap, String capName) {
            BigDecimal fee = n.getFee().setScale(2, RoundingMode.HALF_UP);
            return fee.compareTo(cap) > 0
                    ? line(n, cap, "capped at " + capName + " (" + cap + ")")
                    : line(n, fee, "within " + capName + " (" + cap + ")");
        }

        private FeeLine line(Notice n, BigDecimal allowed, String note) {
            return new FeeLine(n.getKind().name(), n.getSentOn(), n.getFee().setScale(2, RoundingMode.HALF_UP), allowed, note);
        }

        // ---- helpers ----

        private List<Notice> notices(NoticeKind kind) {
            return claim.getNotices().stream().filter(n -> n.getKind() == kind)
                    .sorted(Comparator.comparing(Notice::getSentOn)).toList();
        }

        private LocalDate deadlineOf(Notice n) {
            return n.getDeadline() != null ? n.getDeadline() : n.getSentOn().plusDays(pack.requiredNoticeMinDeadlineDays());
        }

        private int graceDays() {
            return agency == null ? 0 : agency.graceDays();
        }

        private String graceNote() {
            return graceDays() > 0 ? " (" + agency.name() + " waits " + graceDays() + " days after the deadline)" : "";
        }

        private DebtorKind debtorKind() {
            return claim.getDebtor().getType() == DebtorType.ORGANISATION ? DebtorKind.BUSINESS : DebtorKind.CONSUMER;
        }

        private Optional<LocalDate> birthDate(Debtor debtor) {
            if (debtor.getDateOfBirth() != null) {
                return Optional.of(debtor.getDateOfBirth());
            }
            if (debtor.getNationalId() == null) {
                return Optional.empty();
            }
            NationalIdScheme scheme = NationalIdScheme.valueOf(debtor.getNationalId().getScheme().name());
            return NationalIds.birthDate(scheme, debtor.getNationalId().getValue(), asOf);
        }

        private String lawName() {
            return "NO".equals(jurisdiction) ? "inkassoloven, inkassoforskriften, foreldelsesloven"
                    : "inkassolagen, preskriptionslagen, räntelagen";
        }

        private String local(String norwegian, String swedish) {
            return "NO".equals(jurisdiction) ? norwegian : "SE".equals(jurisdiction) ? swedish : null;
        }

        private void notApplicable(String rule, String why) {
            add(rule, RuleOutcome.NOT_APPLICABLE, null, why, null, null);
        }

        private void add(String rule, RuleOutcome outcome, String code, String explanation, String localExplanation, LocalDate from) {
            checks.add(new RuleCheck(rule, outcome, code, explanation, localExplanation, from));
        }

        private RuleOutcome worst() {
            if (checks.stream().anyMatch(c -> c.outcome() == RuleOutcome.FAIL)) {
                return RuleOutcome.FAIL;
            }
            if (checks.stream().anyMatch(c -> c.outcome() == RuleOutcome.REVIEW)) {
                return RuleOutcome.REVIEW;
            }
            if (checks.stream().anyMatch(c -> c.outcome() == RuleOutcome.NOT_YET)) {
                return RuleOutcome.NOT_YET;
            }
            return null;
        }

        private LocalDate latestWait() {
            return checks.stream().filter(c -> c.outcome() == RuleOutcome.NOT_YET).map(RuleCheck::from)
                    .max(Comparator.naturalOrder()).orElse(null);
        }

        private Decision decision(Amounts amounts) {
            RuleOutcome worst = worst();
            Verdict verdict = worst == null ? Verdict.ELIGIBLE
                    : worst == RuleOutcome.FAIL ? Verdict.REJECTED
                    : worst == RuleOutcome.REVIEW ? Verdict.MANUAL_REVIEW
                    : Verdict.NOT_YET;
            List<RuleCheck> deciding = worst == null ? List.of() : checks.stream().filter(c -> c.outcome() == worst).toList();
            LocalDate eligibleFrom = verdict == Verdict.NOT_YET ? latestWait() : null;
            String summary = switch (verdict) {
                case ELIGIBLE -> "Eligible: goes to " + agency.name() + "; " + checks.get(checks.size() - 1).explanation();
                case NOT_YET -> "Not yet: eligible from " + eligibleFrom + ". " + join(deciding);
                case REJECTED -> "Rejected: " + join(deciding);
                case MANUAL_REVIEW -> "Manual review: " + join(deciding);
            };
            return new Decision(verdict, asOf, jurisdiction, pack == null ? null : pack.from(), agency == null ? null : agency.id(),
                    eligibleFrom, deciding.stream().map(RuleCheck::code).distinct().toList(), summary, checks, flags,
                    verdict == Verdict.ELIGIBLE ? amounts : null);
        }

        private String join(List<RuleCheck> deciding) {
            return String.join("; ", deciding.stream().map(RuleCheck::explanation).toList());
        }
    }
}
