package no.inkasso.gateway.ehf;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import no.inkasso.gateway.claims.ids.BankAccounts;
import no.inkasso.gateway.claims.ids.KidAlgorithm;
import no.inkasso.gateway.claims.ids.PaymentReferences;
import no.inkasso.gateway.claims.model.AccountType;
import no.inkasso.gateway.claims.model.Attachment;
import no.inkasso.gateway.claims.model.BankAccount;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.ClaimType;
import no.inkasso.gateway.claims.model.Creditor;
import no.inkasso.gateway.claims.model.Debtor;
import no.inkasso.gateway.claims.model.DebtorType;
import no.inkasso.gateway.claims.model.Invoice;
import no.inkasso.gateway.claims.model.NationalId;
import no.inkasso.gateway.claims.model.PostalAddress;
import no.inkasso.gateway.claims.model.Source;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AddressLineType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.AddressType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.BillingReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.ContactType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.CustomerPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.DocumentReferenceType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.FinancialAccountType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.MonetaryTotalType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyLegalEntityType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyNameType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentMeansType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PaymentTermsType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.SupplierPartyType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.TaxTotalType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.EmbeddedDocumentBinaryObjectType;
import oasis.names.specification.ubl.schema.xsd.commonbasiccomponents_21.PaymentIDType;
import oasis.names.specification.ubl.schema.xsd.creditnote_21.CreditNoteType;
import oasis.names.specification.ubl.schema.xsd.invoice_21.InvoiceType;

/**
 * Maps a bound PEPPOL BIS 3 invoice to the canonical claim, and a credit note to an
 * {@link EhfCreditNote}: seller → creditor, buyer → debtor, totals → amounts. Every value the claim
 * cannot take is collected, so one rejection names them all.
 */
final class UblMapper {

    static final String ATTACHMENT_KIND = "EHF_ATTACHMENT";
    static final int MAX_CLAIM_ATTACHMENTS = 20;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern IBAN_SHAPE = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{4,}");
    private static final Pattern NO_BBAN_SHAPE = Pattern.compile("\\d{11}");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999.99");

    /** The parts of an Invoice and a CreditNote the mapping reads, whichever of the two it is. */
    private record Document(String number, LocalDate issueDate, LocalDate dueDate, String typeCode, String currency,
                            SupplierPartyType supplier, CustomerPartyType customer, List<PaymentMeansType> paymentMeans,
                            List<PaymentTermsType> paymentTerms, MonetaryTotalType totals, List<TaxTotalType> taxTotals,
                            List<DocumentReferenceType> additionalDocuments, List<BillingReferenceType> billingReferences) {

        static Document of(InvoiceType d) {
            return new Document(Ubl.text(d.getID()), Ubl.date(d.getIssueDate()), Ubl.date(d.getDueDate()),
                    Ubl.text(d.getInvoiceTypeCode()), Ubl.text(d.getDocumentCurrencyCode()), d.getAccountingSupplierParty(),
                    d.getAccountingCustomerParty(), d.getPaymentMeans(), d.getPaymentTerms(), d.getLegalMonetaryTotal(),
                    d.getTaxTotal(), d.getAdditionalDocumentReference(), d.getBillingReference());
        }

        static Document of(CreditNoteType d) {
            return new Document(Ubl.text(d.getID()), Ubl.date(d.getIssueDate()), null,
                    Ubl.text(d.getCreditNoteTypeCode()), Ubl.text(d.getDocumentCurrencyCode()), d.getAccountingSupplierParty(),
                    d.getAccountingCustomerParty(), d.getPaymentMeans(), d.getPaymentTerms(), d.getLegalMonetaryTotal(),
                    d.getTaxTotal(), d.getAdditionalDocumentReference(), d.getBillingReference());
        }

        PartyType seller() {
            return supplier == null ? null : supplier.getParty();
        }

        PartyType buyer() {
            return customer == null ? null : customer.getParty();
        }
    }

    /**
     * What the mapping collects as it goes.
     *
     * @param documentId for attachment URIs; computed (the SHA-256 of the received bytes) only when needed
     */
    private record Collector(List<Finding> unmappable, List<Finding> warnings, Supplier<String> documentId) {
        void unmappable(String field, String message) {
            unmappable.add(new Finding(GatewayRules.UNMAPPABLE, Severity.FATAL, message, field));
        }

        void warn(String rule, String message, String location) {
            warnings.add(new Finding(rule, Severity.WARNING, message, location));
        }
    }

    /** The creditor organisation number a document's seller gives, for choosing the schematron mode; null when none. */
    static String creditorOrgNumber(InvoiceType invoice) {
        return orgNumberOf(invoice.getAccountingSupplierParty());
    }

    static String creditorOrgNumber(CreditNoteType creditNote) {
        return orgNumberOf(creditNote.getAccountingSupplierParty());
    }

    private static String orgNumberOf(SupplierPartyType supplier) {
        PartyType seller = supplier == null ? null : supplier.getParty();
        return creditorNumber(UblParties.ids(seller), country(seller));
    }

    EhfInvoice invoice(InvoiceType source, SbdhEnvelope envelope, EhfOrigin origin, Supplier<String> documentId,
                       List<Finding> warnings) throws EhfRejection {
        Document doc = Document.of(source);
        Collector out = new Collector(new ArrayList<>(), warnings, documentId);
        Claim claim = new Claim();
        Source from = new Source();
        from.setSystem(origin.sourceSystem());
        claim.setSource(from);
        claim.setClaimType(ClaimType.ORDINARY);
        claim.setCreditor(creditor(doc, out));
        claim.setDebtor(debtor(doc.buyer(), out));

        Invoice invoice = new Invoice();
        invoice.setNumber(text(doc.number(), 64, "/invoice/number", "cbc:ID", out));
        invoice.setIssueDate(doc.issueDate());
        invoice.setCurrency(currency(doc, "/invoice/currency", out));
        Amounts amounts = amounts(doc, "/invoice/originalAmount", "/invoice/outstandingAmount", out);
        invoice.setOriginalAmount(amounts.total());
        invoice.setOutstandingAmount(amounts.payable());
        invoice.setVatAmount(amounts.vat());
        String paymentReference = paymentReference(doc);
        invoice.setKid(kid(paymentReference, out));
        claim.setInvoice(invoice);

        List<EmbeddedAttachment> attachments = attachments(doc, out);
        attachments.stream().limit(MAX_CLAIM_ATTACHMENTS).forEach(a -> claim.getAttachments().add(a.reference()));
        if (attachments.size() > MAX_CLAIM_ATTACHMENTS) {
            out.warn(GatewayRules.ATTACHMENT_LIMIT, "the invoice embeds " + attachments.size() + " documents; the claim references the first "
                    + MAX_CLAIM_ATTACHMENTS + " and all are returned", "cac:AdditionalDocumentReference");
        }

        if (amounts.payable() != null && amounts.payable().signum() < 0) {
            throw new EhfRejection(RejectReason.NEGATIVE_AMOUNT, "the payable amount is " + amounts.payable().toPlainString()
                    + " " + doc.currency() + ": the seller owes the buyer, so there is nothing to collect (send a credit note instead)",
                    out.unmappable());
        }
        LocalDate due = dueDate(doc);
        if (due == null) {
            List<Finding> findings = new ArrayList<>();
            String terms = paymentTermsNote(doc);
            findings.add(new Finding(GatewayRules.MISSING_DUE_DATE, Severity.FATAL,
                    "no cbc:DueDate, cac:PaymentMeans/cbc:PaymentDueDate or cac:PaymentTerms/cbc:PaymentDueDate"
                            + (terms == null ? "" : "; the payment terms only say: " + terms), "/invoice/dueDate"));
            findings.addAll(out.unmappable());
            throw new EhfRejection(RejectReason.MISSING_DUE_DATE, "the invoice has no due date"
                    + (terms == null ? "" : " (its payment terms are free text: '" + terms + "')")
                    + "; a claim needs one, so send the invoice with cbc:DueDate", findings);
        }
        invoice.setDueDate(due);
        if (!out.unmappable().isEmpty()) {
            throw unmappable(out);
        }
        return new EhfInvoice(claim, doc.typeCode(), paymentReference, externalReferences(doc), attachments, envelope);
    }

    EhfCreditNote creditNote(CreditNoteType source, SbdhEnvelope envelope, Supplier<String> documentId,
                             List<Finding> warnings) throws EhfRejection {
        Document doc = Document.of(source);
        Collector out = new Collector(new ArrayList<>(), warnings, documentId);
        Creditor creditor = creditor(doc, out);
        Debtor debtor = debtor(doc.buyer(), out);
        String number = text(doc.number(), 64, "/number", "cbc:ID", out);
        String currency = currency(doc, "/currency", out);
        Amounts amounts = amounts(doc, "/amount", "/payableAmount", out);
        List<EhfCreditNote.CreditedInvoice> credited = new ArrayList<>();
        for (BillingReferenceType reference : doc.billingReferences()) {
            DocumentReferenceType invoice = reference.getInvoiceDocumentReference();
            String credits = invoice == null ? null : Ubl.text(invoice.getID());
            if (credits != null) {
                credited.add(new EhfCreditNote.CreditedInvoice(credits, Ubl.date(invoice.getIssueDate())));
            }
        }
        List<EmbeddedAttachment> attachments = attachments(doc, out);
        if (amounts.total() != null && amounts.total().signum() < 0) {
            throw new EhfRejection(RejectReason.NEGATIVE_AMOUNT, "the credit note's amount is " + amounts.total().toPlainString()
                    + " " + doc.currency() + ": a negative credit note is an invoice; send it as one", out.unmappable());
        }
        if (!out.unmappable().isEmpty()) {
            throw unmappable(out);
        }
        return new EhfCreditNote(number, doc.typeCode(), doc.issueDate(), creditor, debtor, currency, amounts.total(),
                amounts.payable(), amounts.vat(), credited, attachments, envelope);
    }

    private static EhfRejection unmappable(Collector out) {
        List<Finding> findings = out.unmappable();
        StringBuilder fields = new StringBuilder();
        for (Finding f : findings) {
            fields.append(fields.length() == 0 ? "" : ", ").append(f.location());
        }
        return new EhfRejection(RejectReason.UNMAPPABLE, "the document cannot be mapped to a claim: " + fields
                + " (" + findings.get(0).message() + (findings.size() > 1 ? "; ..." : "") + ")", findings);
    }

    // --- parties

    private static Creditor creditor(Document doc, Collector out) {
        PartyType seller = doc.seller();
        Creditor creditor = new Creditor();
        if (seller == null) {
            out.unmappable("/creditor", "the document has no cac:AccountingSupplierParty/cac:Party");
            return creditor;
        }
        List<UblParties.PartyId> ids = UblParties.ids(seller);
        String country = country(seller);
        String orgNumber = creditorNumber(ids, country);
        if (orgNumber == null) {
            out.unmappable("/creditor/orgNumber", "the seller has no identifier (legal entity, VAT, endpoint or party id)");
        } else {
            creditor.setOrgNumber(text(orgNumber, 20, "/creditor/orgNumber", "the seller's identifier", out));
        }
        if (country == null) {
            out.unmappable("/creditor/country", "the seller has no two-letter cac:PostalAddress/cac:Country/cbc:IdentificationCode");
        }
        creditor.setCountry(country);
        creditor.setName(text(name(seller), 200, "/creditor/name", "the seller's cbc:RegistrationName or cac:PartyName", out));
        creditor.setVatRegistered(ids.stream().anyMatch(id -> id.place() == UblParties.Place.VAT));
        creditor.setAccount(account(doc.paymentMeans(), out));
        return creditor;
    }

    /** Norwegian or Swedish organisation number if any id gives one, else the first id as written. */
    private static String creditorNumber(List<UblParties.PartyId> ids, String country) {
        Optional<NationalId> national = UblParties.organisationNumber(ids, country);
        if (national.isPresent()) {
            return national.get().getValue();
        }
        return ids.isEmpty() ? null : ids.get(0).value();
    }

    private static Debtor debtor(PartyType buyer, Collector out) {
        Debtor debtor = new Debtor();
        if (buyer == null) {
            out.unmappable("/debtor", "the document has no cac:AccountingCustomerParty/cac:Party");
            return debtor;
        }
        List<UblParties.PartyId> ids = UblParties.ids(buyer);
        String country = country(buyer);
        debtor.setType(UblParties.hasOrganisationId(ids) ? DebtorType.ORGANISATION : DebtorType.PERSON);
        if (debtor.getType() == DebtorType.ORGANISATION) {
            UblParties.organisationNumber(ids, country).ifPresent(debtor::setNationalId);
        }
        debtor.setName(text(name(buyer), 200, "/debtor/name", "the buyer's cbc:RegistrationName or cac:PartyName", out));
        if (country == null) {
            out.unmappable("/debtor/country", "the buyer has no two-letter cac:PostalAddress/cac:Country/cbc:IdentificationCode");
        }
        debtor.setCountry(country);
        debtor.setAddress(address(buyer.getPostalAddress()));
        ContactType contact = buyer.getContact();
        if (contact != null) {
            String email = Ubl.text(contact.getElectronicMail());
            if (email != null) {
                if (email.length() <= 254 && EMAIL.matcher(email).matches()) {
                    debtor.setEmail(email);
                } else {
                    out.warn(GatewayRules.CONTACT_DROPPED, "the buyer's e-mail is not an e-mail address and was left out",
                            "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:ElectronicMail");
                }
            }
            String phone = Ubl.text(contact.getTelephone());
            if (phone != null) {
                if (phone.length() <= 32) {
                    debtor.setPhone(phone);
                } else {
                    out.warn(GatewayRules.CONTACT_DROPPED, "the buyer's telephone is longer than 32 characters and was left out",
                            "cac:AccountingCustomerParty/cac:Party/cac:Contact/cbc:Telephone");
                }
            }
        }
        return debtor;
    }

    private static String name(PartyType party) {
        for (PartyLegalEntityType legal : party.getPartyLegalEntity()) {
            String name = Ubl.text(legal.getRegistrationName());
            if (name != null) {
                return name;
            }
        }
        for (PartyNameType name : party.getPartyName()) {
            String value = Ubl.text(name.getName());
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String country(PartyType party) {
        if (party == null || party.getPostalAddress() == null || party.getPostalAddress().getCountry() == null) {
            return null;
        }
        String code = Ubl.text(party.getPostalAddress().getCountry().getIdentificationCode());
        return code != null && COUNTRY.matcher(code).matches() ? code : null;
    }

    /**
     * The buyer's postal address when it has what a claim address needs (a street line, postal
     * code and city, within the claim's lengths); otherwise none, and the eligibility stage says
     * the address is missing.
     */
    private static PostalAddress address(AddressType address) {
        if (address == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        addLine(lines, Ubl.text(address.getStreetName()));
        addLine(lines, Ubl.text(address.getAdditionalStreetName()));
        for (AddressLineType line : address.getAddressLine()) {
            addLine(lines, Ubl.text(line.getLine()));
        }
        String postalCode = Ubl.text(address.getPostalZone());
        String city = Ubl.text(address.getCityName());
        if (lines.isEmpty() || postalCode == null || postalCode.length() > 20 || city == null || city.length() > 64) {
            return null;
        }
        PostalAddress postal = new PostalAddress();
        postal.getLines().addAll(lines.subList(0, Math.min(3, lines.size())));
        postal.setPostalCode(postalCode);
        postal.setCity(city);
        return postal;
    }

    private static void addLine(List<String> lines, String line) {
        if (line != null && line.length() <= 200) {
            lines.add(line);
        }
    }

    // --- payment

    /**
     * The first payee account that is a valid Norwegian account number, IBAN, bankgiro or plusgiro
     * number (Swedish BIS practice names the latter two in FinancialInstitutionBranch/ID as
     * {@code SE:BANKGIRO} / {@code SE:PLUSGIRO}). One that is not is left out with a warning,
     * since the claim would otherwise be refused for it.
     */
    private static BankAccount account(List<PaymentMeansType> paymentMeans, Collector out) {
        for (PaymentMeansType means : paymentMeans) {
            FinancialAccountType payee = means.getPayeeFinancialAccount();
            String number = payee == null ? null : Ubl.text(payee.getID());
            if (number == null) {
                continue;
            }
            String branch = payee.getFinancialInstitutionBranch() == null ? null : Ubl.text(payee.getFinancialInstitutionBranch().getID());
            Optional<AccountType> type = accountType(number, branch);
            String location = "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID";
            if (type.isEmpty()) {
                out.warn(GatewayRules.ACCOUNT_UNUSABLE, "the payee account is not a Norwegian account number, IBAN, bankgiro or plusgiro number; "
                        + "the claim is taken without an account", location);
                return null;
            }
            Optional<String> problem = BankAccounts.problem(no.inkasso.gateway.claims.ids.AccountType.valueOf(type.get().name()), number);
            if (problem.isPresent()) {
                out.warn(GatewayRules.ACCOUNT_UNUSABLE, problem.get() + "; the claim is taken without an account", location);
                return null;
            }
            if (number.length() > 40) {
                out.warn(GatewayRules.ACCOUNT_UNUSABLE, "the payee account is longer than 40 characters; the claim is taken without an account", location);
                return null;
            }
            BankAccount account = new BankAccount();
            account.setType(type.get());
            account.setNumber(number);
            return account;
        }
        return null;
    }

    private static Optional<AccountType> accountType(String number, String branch) {
        if ("SE:BANKGIRO".equalsIgnoreCase(branch)) {
            return Optional.of(AccountType.SE_BANKGIRO);
        }
        if ("SE:PLUSGIRO".equalsIgnoreCase(branch)) {
            return Optional.of(AccountType.SE_PLUSGIRO);
        }
        String compact = UblParties.compact(number);
        if (IBAN_SHAPE.matcher(compact).matches()) {
            return Optional.of(AccountType.IBAN);
        }
        if (NO_BBAN_SHAPE.matcher(compact).matches()) {
            return Optional.of(AccountType.NO_BBAN);
        }
        return Optional.empty();
    }

    private static String paymentReference(Document doc) {
        for (PaymentMeansType means : doc.paymentMeans()) {
            for (PaymentIDType id : means.getPaymentID()) {
                String value = Ubl.text(id);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    /** The payment reference as KID when its MOD10 or MOD11 check digit holds; otherwise none, and a warning. */
    private static String kid(String paymentReference, Collector out) {
        if (paymentReference == null) {
            return null;
        }
        if (PaymentReferences.kidAlgorithm(paymentReference) != KidAlgorithm.INVALID) {
            return paymentReference.strip();
        }
        out.warn(GatewayRules.KID_CHECK_DIGIT, "PaymentID '" + paymentReference + "' is not a valid KID ("
                + PaymentReferences.kidProblem(paymentReference).orElse("check digit does not match")
                + "); the claim is taken without a KID", "cac:PaymentMeans/cbc:PaymentID");
        return null;
    }

    /** DueDate, else the legacy PaymentMeans/PaymentDueDate, else PaymentTerms/PaymentDueDate. Free-text terms are not read. */
    private static LocalDate dueDate(Document doc) {
        if (doc.dueDate() != null) {
            return doc.dueDate();
        }
        for (PaymentMeansType means : doc.paymentMeans()) {
            if (means.getPaymentDueDate() != null && means.getPaymentDueDateValueLocal() != null) {
                return means.getPaymentDueDateValueLocal();
            }
        }
        for (PaymentTermsType terms : doc.paymentTerms()) {
            if (terms.getPaymentDueDate() != null && terms.getPaymentDueDateValueLocal() != null) {
                return terms.getPaymentDueDateValueLocal();
            }
        }
        return null;
    }

    private static String paymentTermsNote(Document doc) {
        for (PaymentTermsType terms : doc.paymentTerms()) {
            for (var note : terms.getNote()) {
                String text = Ubl.text(note);
                if (text != null) {
                    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
                }
            }
        }
        return null;
    }

    // --- amounts

    /** PayableAmount + PrepaidAmount, PayableAmount, and the VAT total in the document currency. */
    private record Amounts(BigDecimal total, BigDecimal payable, BigDecimal vat) {}

    private static Amounts amounts(Document doc, String totalField, String payableField, Collector out) {
        MonetaryTotalType totals = doc.totals();
        BigDecimal payable = totals == null ? null : Ubl.amount(totals.getPayableAmount());
        if (payable == null) {
            out.unmappable(payableField, "there is no cac:LegalMonetaryTotal/cbc:PayableAmount");
            return new Amounts(null, null, null);
        }
        BigDecimal prepaid = Ubl.amount(totals.getPrepaidAmount());
        BigDecimal total = prepaid == null ? payable : payable.add(prepaid);
        if (payable.signum() >= 0) {
            checkAmount(payable, payableField, "PayableAmount", out);
            checkAmount(total, totalField, "PayableAmount + PrepaidAmount", out);
        }
        BigDecimal vat = null;
        for (TaxTotalType tax : doc.taxTotals()) {
            if (tax.getTaxAmount() != null && doc.currency() != null && doc.currency().equals(tax.getTaxAmount().getCurrencyID())) {
                vat = tax.getTaxAmount().getValue();
                break;
            }
        }
        if (vat != null && (vat.signum() < 0 || vat.compareTo(total) > 0 || decimals(vat) > 2)) {
            vat = null; // not a VAT amount a claim can carry (e.g. negative lines); the totals still are
        }
        return new Amounts(total, payable, vat);
    }

    private static void checkAmount(BigDecimal amount, String field, String what, Collector out) {
        if (decimals(amount) > 2) {
            out.unmappable(field, what + " " + amount.toPlainString() + " has more than 2 decimals");
        } else if (amount.compareTo(MAX_AMOUNT) > 0) {
            out.unmappable(field, what + " " + amount.toPlainString() + " is larger than a claim amount can be");
        }
    }

    private static int decimals(BigDecimal amount) {
        return Math.max(0, amount.stripTrailingZeros().scale());
    }

    private static String currency(Document doc, String field, Collector out) {
        String currency = doc.currency();
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            out.unmappable(field, "cbc:DocumentCurrencyCode '" + currency + "' is not a three-letter currency code");
            return null;
        }
        return currency;
    }

    // --- attachments

    private static List<EmbeddedAttachment> attachments(Document doc, Collector out) {
        List<EmbeddedAttachment> attachments = new ArrayList<>();
        String documentId = null;
        for (DocumentReferenceType reference : doc.additionalDocuments()) {
            if (reference.getAttachment() == null || reference.getAttachment().getEmbeddedDocumentBinaryObject() == null) {
                continue;
            }
            EmbeddedDocumentBinaryObjectType embedded = reference.getAttachment().getEmbeddedDocumentBinaryObject();
            byte[] content = embedded.getValue() == null ? new byte[0] : embedded.getValue();
            if (documentId == null) {
                documentId = URLEncoder.encode(out.documentId().get(), StandardCharsets.UTF_8);
            }
            String mediaType = Ubl.blankToNull(embedded.getMimeCode());
            Attachment ref = new Attachment();
            ref.setKind(ATTACHMENT_KIND);
            ref.setUri("ehf-attachment:" + documentId + "/" + attachments.size());
            ref.setMediaType(mediaType == null || mediaType.length() > 64 ? "application/octet-stream" : mediaType);
            ref.setSha256(sha256(content));
            String description = reference.getDocumentDescription().isEmpty() ? null : Ubl.text(reference.getDocumentDescription().get(0));
            attachments.add(new EmbeddedAttachment(ref, Ubl.text(reference.getID()), Ubl.blankToNull(embedded.getFilename()), description, content));
        }
        return attachments;
    }

    private static List<String> externalReferences(Document doc) {
        List<String> uris = new ArrayList<>();
        for (DocumentReferenceType reference : doc.additionalDocuments()) {
            if (reference.getAttachment() != null && reference.getAttachment().getExternalReference() != null) {
                String uri = Ubl.text(reference.getAttachment().getExternalReference().getURI());
                if (uri != null) {
                    uris.add(uri);
                }
            }
        }
        return uris;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String value, int max, String field, String what, Collector out) {
        if (value == null) {
            out.unmappable(field, what + " is missing");
            return null;
        }
        if (value.length() > max) {
            out.unmappable(field, what + " is " + value.length() + " characters; a claim takes at most " + max);
            return null;
        }
        return value;
    }
}
