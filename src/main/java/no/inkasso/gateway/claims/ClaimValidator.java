package no.inkasso.gateway.claims;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import no.inkasso.gateway.claims.ids.BankAccounts;
import no.inkasso.gateway.claims.ids.NationalIds;
import no.inkasso.gateway.claims.ids.PaymentReferences;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.Creditor;
import no.inkasso.gateway.claims.model.Debtor;
import no.inkasso.gateway.claims.model.DebtorType;
import no.inkasso.gateway.claims.model.Invoice;
import no.inkasso.gateway.claims.model.Notice;
import no.inkasso.gateway.claims.model.Payment;

/**
 * The rules a structurally valid claim must also meet to be accepted: ids with correct check
 * digits, real currencies, amounts in the currency's minor unit, dates that follow each other.
 * Whether the claim may go to collection is the eligibility stage's question, not this one's.
 */
public final class ClaimValidator {

    static final Set<String> CREDITOR_COUNTRIES = Set.of("NO", "SE");
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /**
     * Checks a claim that may also be structurally incomplete (a missing member is the schema's
     * finding, not this one's): every rule runs on what is there, so all findings come at once.
     */
    public List<FieldError> validate(Claim claim, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (claim.getCreditor() != null) {
            checkCreditor(claim.getCreditor(), errors);
        }
        if (claim.getDebtor() != null) {
            checkDebtor(claim.getDebtor(), today, errors);
        }
        Invoice invoice = claim.getInvoice() == null ? new Invoice() : claim.getInvoice();
        int minorDigits = invoice.getCurrency() == null ? 2 : checkCurrency(invoice.getCurrency(), errors);
        checkInvoice(invoice, claim.getCreditor() == null ? null : claim.getCreditor().getCountry(), minorDigits, today, errors);
        for (int i = 0; i < claim.getNotices().size(); i++) {
            checkNotice(claim.getNotices().get(i), "/notices/" + i, invoice, minorDigits, today, errors);
        }
        for (int i = 0; i < claim.getPayments().size(); i++) {
            checkPayment(claim.getPayments().get(i), "/payments/" + i, minorDigits, today, errors);
        }
        if (claim.getAcknowledgedOn() != null && claim.getAcknowledgedOn().isAfter(today)) {
            errors.add(FieldError.of("/acknowledgedOn", "in-future", "acknowledgedOn is after today"));
        }
        if (claim.getLegalStepOn() != null && claim.getLegalStepOn().isAfter(today)) {
            errors.add(FieldError.of("/legalStepOn", "in-future", "legalStepOn is after today"));
        }
        return errors;
    }

    private static void checkCreditor(Creditor creditor, List<FieldError> errors) {
        String country = creditor.getCountry();
        if (country == null) {
            return;
        }
        if (!CREDITOR_COUNTRIES.contains(country)) {
            errors.add(FieldError.of("/creditor/country", "unsupported-country",
                    "the gateway serves creditors in NO and SE, not " + country));
        } else if (creditor.getOrgNumber() != null) {
            var scheme = "NO".equals(country)
                    ? no.inkasso.gateway.claims.ids.NationalIdScheme.NO_ORGANISATION
                    : no.inkasso.gateway.claims.ids.NationalIdScheme.SE_ORGANISATION;
            NationalIds.problem(scheme, creditor.getOrgNumber())
                    .ifPresent(p -> errors.add(FieldError.of("/creditor/orgNumber", "check-digit", p)));
        }
        if (creditor.getAccount() != null && creditor.getAccount().getType() != null && creditor.getAccount().getNumber() != null) {
            var type = no.inkasso.gateway.claims.ids.AccountType.valueOf(creditor.getAccount().getType().name());
            BankAccounts.problem(type, creditor.getAccount().getNumber())
                    .ifPresent(p -> errors.add(FieldError.of("/creditor/account/number", "check-digit", p)));
        }
    }

    private static void checkDebtor(Debtor debtor, LocalDate today, List<FieldError> errors) {
        boolean person = debtor.getType() == DebtorType.PERSON;
        Optional<LocalDate> birthDateFromId = Optional.empty();
        if (debtor.getType() != null && debtor.getNationalId() != null && debtor.getNationalId().getScheme() != null
                && debtor.getNationalId().getValue() != null) {
            var scheme = no.inkasso.gateway.claims.ids.NationalIdScheme.valueOf(debtor.getNationalId().getScheme().name());
            String value = debtor.getNationalId().getValue();
            boolean personScheme = scheme.name().endsWith("_PERSON");
            if (personScheme != person) {
                errors.add(FieldError.of("/debtor/nationalId/scheme", "scheme-mismatch",
                        "a " + debtor.getType() + " debtor cannot have a " + scheme + " id"));
            }
            Optional<String> problem = NationalIds.problem(scheme, value);
            problem.ifPresent(p -> errors.add(FieldError.of("/debtor/nationalId/value", "check-digit", p)));
            if (problem.isEmpty() && personScheme) {
                birthDateFromId = NationalIds.birthDate(scheme, value, today);
            }
        }
        LocalDate dateOfBirth = debtor.getDateOfBirth();
        if (dateOfBirth != null) {
            if (!person) {
                errors.add(FieldError.of("/debtor/dateOfBirth", "not-applicable", "an organisation has no date of birth"));
            } else if (dateOfBirth.isAfter(today)) {
                errors.add(FieldError.of("/debtor/dateOfBirth", "in-future", "dateOfBirth is after today"));
            } else if (birthDateFromId.isPresent() && !birthDateFromId.get().equals(dateOfBirth)) {
                errors.add(FieldError.of("/debtor/dateOfBirth", "inconsistent",
                        "dateOfBirth does not match the date of birth in the national id"));
            }
        }
        if (debtor.getEmail() != null && !EMAIL.matcher(debtor.getEmail()).matches()) {
            errors.add(FieldError.of("/debtor/email", "invalid-format", "email is not an e-mail address"));
        }
    }

    /** Returns the currency's number of minor-unit digits, or 2 when the currency is unknown. */
    private static int checkCurrency(String currency, List<FieldError> errors) {
        if (!CURRENCIES.contains(currency)) {
            errors.add(FieldError.of("/invoice/currency", "unknown-currency", currency + " is not an ISO 4217 currency code"));
            return 2;
        }
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    private static void checkInvoice(Invoice invoice, String creditorCountry, int minorDigits, LocalDate today, List<FieldError> errors) {
        checkAmount(invoice.getOriginalAmount(), "/invoice/originalAmount", minorDigits, true, errors);
        checkAmount(invoice.getOutstandingAmount(), "/invoice/outstandingAmount", minorDigits, false, errors);
        // Comparisons with the original amount only make sense when it is itself a valid amount.
        boolean originalUsable = invoice.getOriginalAmount() != null && invoice.getOriginalAmount().signum() > 0;
        if (originalUsable && invoice.getOutstandingAmount() != null
                && invoice.getOutstandingAmount().compareTo(invoice.getOriginalAmount()) > 0) {
            errors.add(FieldError.of("/invoice/outstandingAmount", "exceeds-original",
                    "outstandingAmount is larger than originalAmount"));
        }
        if (invoice.getVatAmount() != null) {
            checkAmount(invoice.getVatAmount(), "/invoice/vatAmount", minorDigits, false, errors);
            if (originalUsable && invoice.getVatAmount().compareTo(invoice.getOriginalAmount()) > 0) {
                errors.add(FieldError.of("/invoice/vatAmount", "exceeds-original", "vatAmount is larger than originalAmount"));
            }
        }
        if (invoice.getIssueDate() != null && invoice.getIssueDate().isAfter(today.plusDays(1))) {
            errors.add(FieldError.of("/invoice/issueDate", "in-future", "issueDate is after today"));
        }
        if (invoice.getDueDate() != null && invoice.getIssueDate() != null && invoice.getDueDate().isBefore(invoice.getIssueDate())) {
            errors.add(FieldError.of("/invoice/dueDate", "before-issue-date", "dueDate is before issueDate"));
        }
        if (invoice.getKid() != null && "NO".equals(creditorCountry)) {
            PaymentReferences.kidProblem(invoice.getKid())
                    .ifPresent(p -> errors.add(FieldError.of("/invoice/kid", "check-digit", p)));
        }
    }

    private static void checkNotice(Notice notice, String at, Invoice invoice, int minorDigits, LocalDate today, List<FieldError> errors) {
        if (notice.getSentOn() == null) {
            return;
        }
        if (notice.getSentOn().isAfter(today)) {
            errors.add(FieldError.of(at + "/sentOn", "in-future", "sentOn is after today"));
        }
        if (invoice.getIssueDate() != null && notice.getSentOn().isBefore(invoice.getIssueDate())) {
            errors.add(FieldError.of(at + "/sentOn", "before-issue-date", "a notice cannot be sent before the invoice was issued"));
        }
        if (notice.getDeadline() != null && notice.getDeadline().isBefore(notice.getSentOn())) {
            errors.add(FieldError.of(at + "/deadline", "before-sent-date", "deadline is before sentOn"));
        }
        if (notice.getFee() != null) {
            checkAmount(notice.getFee(), at + "/fee", minorDigits, false, errors);
        }
    }

    private static void checkPayment(Payment payment, String at, int minorDigits, LocalDate today, List<FieldError> errors) {
        if (payment.getDate() != null && payment.getDate().isAfter(today)) {
            errors.add(FieldError.of(at + "/date", "in-future", "date is after today"));
        }
        checkAmount(payment.getAmount(), at + "/amount", minorDigits, true, errors);
    }

    private static void checkAmount(BigDecimal amount, String at, int minorDigits, boolean positive, List<FieldError> errors) {
        if (amount == null) {
            return;
        }
        if (amount.signum() < 0) {
            errors.add(FieldError.of(at, "negative", "amount must not be negative"));
        } else if (positive && amount.signum() == 0) {
            errors.add(FieldError.of(at, "must-be-positive", "amount must be greater than zero"));
        }
        if (amount.stripTrailingZeros().scale() > minorDigits) {
            errors.add(FieldError.of(at, "too-many-decimals", "amount has more than " + minorDigits + " decimals for its currency"));
        }
    }
}
