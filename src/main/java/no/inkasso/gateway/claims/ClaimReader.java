package no.inkasso.gateway.claims;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import no.inkasso.gateway.api.ApiJson;
import no.inkasso.gateway.claims.ids.NationalIds;
import no.inkasso.gateway.claims.model.Claim;
import no.inkasso.gateway.claims.model.Invoice;

/**
 * Turns a submitted JSON claim into a canonical claim: structure by the OpenAPI schema, then the
 * semantic rules, then normalisation (amounts to the currency's minor unit, ids to their digits)
 * so that the same claim sent twice, however formatted, has the same fingerprint.
 */
public final class ClaimReader {

    private static final ObjectMapper CANONICAL = ApiJson.canonicalMapper();
    /** Binds what it can of a structurally invalid claim: unknown members and bad values become absent. */
    private static final ObjectMapper LENIENT = ApiJson.mapper().copy()
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);

    private final ClaimSchema schema;
    private final ClaimValidator validator;

    public ClaimReader(ClaimSchema schema, ClaimValidator validator) {
        this.schema = schema;
        this.validator = validator;
    }

    public ClaimReading read(JsonNode json, LocalDate today) {
        List<FieldError> structural = schema.validate(json);
        if (!structural.isEmpty()) {
            return new ClaimReading.Invalid(withSemanticFindings(json, structural, today));
        }
        Claim claim;
        try {
            claim = ApiJson.mapper().treeToValue(json, Claim.class);
        } catch (JsonProcessingException e) {
            return new ClaimReading.Invalid(List.of(FieldError.of("", "unreadable", e.getOriginalMessage())));
        }
        List<FieldError> semantic = validator.validate(claim, today);
        if (!semantic.isEmpty()) {
            return new ClaimReading.Invalid(semantic);
        }
        normalise(claim, today);
        try {
            String canonical = CANONICAL.writeValueAsString(claim);
            return new ClaimReading.Valid(claim, canonical, sha256(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated claim could not be written", e);
        }
    }

    /**
     * Adds the semantic rules' findings to the structural ones, so a sender sees every problem in
     * one answer: the parts that bind are checked; a member with a structural error is not
     * reported twice.
     */
    private List<FieldError> withSemanticFindings(JsonNode json, List<FieldError> structural, LocalDate today) {
        Claim partial;
        try {
            partial = LENIENT.treeToValue(json, Claim.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return structural;
        }
        if (partial == null) {
            return structural;
        }
        java.util.Set<String> flagged = new java.util.HashSet<>();
        structural.forEach(e -> flagged.add(e.pointer()));
        List<FieldError> all = new java.util.ArrayList<>(structural);
        validator.validate(partial, today).stream().filter(e -> !flagged.contains(e.pointer())).forEach(all::add);
        all.sort(java.util.Comparator.comparing(FieldError::pointer).thenComparing(FieldError::code));
        return all;
    }

    public static Claim fromCanonicalJson(String json) {
        try {
            return ApiJson.mapper().readValue(json, Claim.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored claim is not readable", e);
        }
    }

    private static void normalise(Claim claim, LocalDate today) {
        Invoice invoice = claim.getInvoice();
        int digits = Math.max(0, Currency.getInstance(invoice.getCurrency()).getDefaultFractionDigits());
        invoice.setOriginalAmount(scaled(invoice.getOriginalAmount(), digits));
        invoice.setOutstandingAmount(scaled(invoice.getOutstandingAmount(), digits));
        if (invoice.getVatAmount() != null) {
            invoice.setVatAmount(scaled(invoice.getVatAmount(), digits));
        }
        claim.getNotices().forEach(n -> n.setFee(n.getFee() == null ? null : scaled(n.getFee(), digits)));
        claim.getPayments().forEach(p -> p.setAmount(scaled(p.getAmount(), digits)));
        var creditor = claim.getCreditor();
        var creditorScheme = "NO".equals(creditor.getCountry())
                ? no.inkasso.gateway.claims.ids.NationalIdScheme.NO_ORGANISATION
                : no.inkasso.gateway.claims.ids.NationalIdScheme.SE_ORGANISATION;
        creditor.setOrgNumber(NationalIds.normalise(creditorScheme, creditor.getOrgNumber(), today));
        var id = claim.getDebtor().getNationalId();
        if (id != null) {
            var scheme = no.inkasso.gateway.claims.ids.NationalIdScheme.valueOf(id.getScheme().name());
            id.setValue(NationalIds.normalise(scheme, id.getValue(), today));
        }
    }

    private static BigDecimal scaled(BigDecimal amount, int digits) {
        // Validation has already refused more decimals than the currency has, so nothing is rounded away.
        return amount.setScale(digits, RoundingMode.UNNECESSARY);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
