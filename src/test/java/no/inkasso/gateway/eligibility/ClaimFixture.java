package no.inkasso.gateway.eligibility;

import java.math.BigDecimal;
import java.time.LocalDate;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.ClaimType;
import no.inkasso.gateway.claims.model.Creditor;
import no.inkasso.gateway.claims.model.Debtor;
import no.inkasso.gateway.claims.model.DebtorType;
import no.inkasso.gateway.claims.model.Invoice;
import no.inkasso.gateway.claims.model.NationalId;
import no.inkasso.gateway.claims.model.NationalIdScheme;
import no.inkasso.gateway.claims.model.Notice;
import no.inkasso.gateway.claims.model.NoticeKind;
import no.inkasso.gateway.claims.model.Payment;
import no.inkasso.gateway.claims.model.PaymentKind;
import no.inkasso.gateway.claims.model.PostalAddress;
import no.inkasso.gateway.claims.model.Source;

/**
 * Builds canonical claims for rule tests. Defaults: a Norwegian VAT-registered creditor (923609016,
 * source demo-erp) and an adult Norwegian consumer at a Oslo address, NOK, ORDINARY, no notices.
 */
final class ClaimFixture {

    private final Claim claim = new Claim();

    private ClaimFixture() {
        Source source = new Source();
        source.setSystem("demo-erp");
        claim.setSource(source);
        Creditor creditor = new Creditor();
        creditor.setOrgNumber("923609016");
        creditor.setCountry("NO");
        creditor.setName("Fjordtrykk AS");
        creditor.setVatRegistered(true);
        claim.setCreditor(creditor);
        Debtor debtor = new Debtor();
        debtor.setType(DebtorType.PERSON);
        debtor.setName("Kari Nordmann");
        debtor.setCountry("NO");
        debtor.setDateOfBirth(LocalDate.of(1985, 3, 15));
        debtor.setAddress(address("Storgata 1", "0155", "Oslo"));
        claim.setDebtor(debtor);
        Invoice invoice = new Invoice();
        invoice.setNumber("INV-1");
        invoice.setIssueDate(LocalDate.of(2024, 12, 1));
        invoice.setDueDate(LocalDate.of(2025, 1, 15));
        invoice.setCurrency("NOK");
        invoice.setOriginalAmount(new BigDecimal("1000.00"));
        invoice.setOutstandingAmount(new BigDecimal("1000.00"));
        claim.setInvoice(invoice);
        claim.setClaimType(ClaimType.ORDINARY);
    }

    static ClaimFixture norwegianConsumer() {
        return new ClaimFixture();
    }

    /** A Swedish creditor (556036-0793 style org 5560360793) and an adult Swedish consumer in Stockholm, SEK. */
    static ClaimFixture swedishConsumer() {
        ClaimFixture f = new ClaimFixture();
        f.claim.getCreditor().setOrgNumber("5560360793");
        f.claim.getCreditor().setCountry("SE");
        f.claim.getCreditor().setName("Svensk Handel AB");
        f.claim.getDebtor().setCountry("SE");
        f.claim.getDebtor().setName("Anna Andersson");
        f.claim.getDebtor().setAddress(address("Drottninggatan 1", "111 51", "Stockholm"));
        f.claim.getInvoice().setCurrency("SEK");
        return f;
    }

    static PostalAddress address(String line, String postalCode, String city) {
        PostalAddress a = new PostalAddress();
        a.getLines().add(line);
        a.setPostalCode(postalCode);
        a.setCity(city);
        return a;
    }

    ClaimFixture creditor(String orgNumber) {
        claim.getCreditor().setOrgNumber(orgNumber);
        return this;
    }

    ClaimFixture creditorNotVatRegistered() {
        claim.getCreditor().setVatRegistered(false);
        return this;
    }

    ClaimFixture source(String system) {
        claim.getSource().setSystem(system);
        return this;
    }

    ClaimFixture business() {
        Debtor d = claim.getDebtor();
        d.setType(DebtorType.ORGANISATION);
        d.setDateOfBirth(null);
        d.setNationalId(null);
        d.setName("Debtor AS");
        return this;
    }

    ClaimFixture bornOn(String date) {
        claim.getDebtor().setDateOfBirth(date == null ? null : LocalDate.parse(date));
        return this;
    }

    ClaimFixture nationalId(NationalIdScheme scheme, String value) {
        NationalId id = new NationalId();
        id.setScheme(scheme);
        id.setValue(value);
        claim.getDebtor().setNationalId(id);
        return this;
    }

    ClaimFixture debtorCountry(String country) {
        claim.getDebtor().setCountry(country);
        return this;
    }

    ClaimFixture address(PostalAddress address) {
        claim.getDebtor().setAddress(address);
        return this;
    }

    ClaimFixture due(String date) {
        claim.getInvoice().setDueDate(LocalDate.parse(date));
        LocalDate issue = LocalDate.parse(date).minusDays(14);
        claim.getInvoice().setIssueDate(issue);
        return this;
    }

    ClaimFixture currency(String currency) {
        claim.getInvoice().setCurrency(currency);
        return this;
    }

    /** Original and outstanding amount both. */
    ClaimFixture amount(String amount) {
        claim.getInvoice().setOriginalAmount(new BigDecimal(amount));
        claim.getInvoice().setOutstandingAmount(new BigDecimal(amount));
        return this;
    }

    ClaimFixture amounts(String original, String outstanding) {
        claim.getInvoice().setOriginalAmount(new BigDecimal(original));
        claim.getInvoice().setOutstandingAmount(new BigDecimal(outstanding));
        return this;
    }

    ClaimFixture type(ClaimType type) {
        claim.setClaimType(type);
        return this;
    }

    /** A notice; {@code deadline} and {@code fee} may be null. */
    ClaimFixture notice(NoticeKind kind, String sentOn, String deadline, String fee) {
        Notice n = new Notice();
        n.setKind(kind);
        n.setSentOn(LocalDate.parse(sentOn));
        n.setDeadline(deadline == null ? null : LocalDate.parse(deadline));
        n.setFee(fee == null ? null : new BigDecimal(fee));
        claim.getNotices().add(n);
        return this;
    }

    /** An inkassovarsel sent on {@code sentOn} with a deadline of {@code deadline}, no fee. */
    ClaimFixture varsel(String sentOn, String deadline) {
        return notice(NoticeKind.INKASSOVARSEL, sentOn, deadline, null);
    }

    ClaimFixture payment(PaymentKind kind, String date, String amount) {
        Payment p = new Payment();
        p.setKind(kind);
        p.setDate(LocalDate.parse(date));
        p.setAmount(new BigDecimal(amount));
        claim.getPayments().add(p);
        return this;
    }

    ClaimFixture acknowledgedOn(String date) {
        claim.setAcknowledgedOn(LocalDate.parse(date));
        return this;
    }

    ClaimFixture legalStepOn(String date) {
        claim.setLegalStepOn(LocalDate.parse(date));
        return this;
    }

    ClaimFixture disputed() {
        claim.setDisputed(true);
        return this;
    }

    Claim build() {
        return claim;
    }
}
