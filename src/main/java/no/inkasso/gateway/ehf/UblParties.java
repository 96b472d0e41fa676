package no.inkasso.gateway.ehf;

import com.helger.xsds.ccts.cct.schemamodule.IdentifierType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.inkasso.gateway.claims.model.NationalId;
import no.inkasso.gateway.claims.model.NationalIdScheme;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyIdentificationType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyLegalEntityType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyTaxSchemeType;
import oasis.names.specification.ubl.schema.xsd.commonaggregatecomponents_21.PartyType;

/**
 * Reads who a UBL party is: its identifiers in every place BIS 3 puts them, and from those its
 * Norwegian or Swedish organisation number.
 *
 * <p>Norwegian organisation numbers come as scheme 0192 (or the legacy {@code NO:ORGNR}) on the
 * legal entity, endpoint or party identification, or inside the VAT id {@code NO<9 digits>MVA};
 * Swedish ones as scheme 0007 (legacy {@code SE:ORGNR}) or inside {@code SE<10 digits>01}. A legal
 * entity id without a scheme counts when the party's country is NO (9 digits) or SE (10 digits).
 */
final class UblParties {

    private static final Pattern NO_ORG = Pattern.compile("(?:NO)?(\\d{9})(?:MVA)?");
    private static final Pattern NO_VAT = Pattern.compile("NO(\\d{9})MVA");
    private static final Pattern SE_ORG = Pattern.compile("(?:SE)?(\\d{6})-?(\\d{4})(?:01)?");
    private static final Pattern SE_VAT = Pattern.compile("SE(\\d{10})01");
    private static final Pattern ICD = Pattern.compile("\\d{4}");

    /** Where in the party an identifier was found. */
    enum Place { LEGAL_ENTITY, VAT, ENDPOINT, PARTY_IDENTIFICATION }

    /** One identifier of a party; {@code scheme} is empty when none was given. */
    record PartyId(Place place, String scheme, String value) {}

    private UblParties() {
    }

    /** Every identifier of the party, legal entity ids first, then VAT ids, the endpoint and party identifications. */
    static List<PartyId> ids(PartyType party) {
        List<PartyId> ids = new ArrayList<>();
        if (party == null) {
            return ids;
        }
        for (PartyLegalEntityType legal : party.getPartyLegalEntity()) {
            add(ids, Place.LEGAL_ENTITY, legal.getCompanyID());
        }
        for (PartyTaxSchemeType tax : party.getPartyTaxScheme()) {
            if (tax.getTaxScheme() != null && "VAT".equalsIgnoreCase(Ubl.text(tax.getTaxScheme().getID()))) {
                add(ids, Place.VAT, tax.getCompanyID());
            }
        }
        add(ids, Place.ENDPOINT, party.getEndpointID());
        for (PartyIdentificationType identification : party.getPartyIdentification()) {
            add(ids, Place.PARTY_IDENTIFICATION, identification.getID());
        }
        return ids;
    }

    private static void add(List<PartyId> ids, Place place, IdentifierType id) {
        String value = Ubl.text(id);
        if (value != null) {
            String scheme = id.getSchemeID() == null ? "" : id.getSchemeID().strip();
            ids.add(new PartyId(place, scheme, value));
        }
    }

    /** The party's Norwegian or Swedish organisation number, if any of its ids carries one. */
    static Optional<NationalId> organisationNumber(List<PartyId> ids, String country) {
        for (PartyId id : ids) {
            Optional<String> norwegian = norwegian(id, country);
            if (norwegian.isPresent()) {
                return Optional.of(nationalId(NationalIdScheme.NO_ORGANISATION, norwegian.get()));
            }
        }
        for (PartyId id : ids) {
            Optional<String> swedish = swedish(id, country);
            if (swedish.isPresent()) {
                return Optional.of(nationalId(NationalIdScheme.SE_ORGANISATION, swedish.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> norwegian(PartyId id, String country) {
        String value = compact(id.value());
        String scheme = id.scheme().toUpperCase(Locale.ROOT);
        if (id.place() == Place.VAT) {
            return group(NO_VAT, value);
        }
        if ("0192".equals(scheme) || "NO:ORGNR".equals(scheme)) {
            return group(NO_ORG, value);
        }
        if (scheme.isEmpty() && id.place() == Place.LEGAL_ENTITY && "NO".equals(country)) {
            return group(NO_ORG, value);
        }
        return Optional.empty();
    }

    private static Optional<String> swedish(PartyId id, String country) {
        String value = compact(id.value());
        String scheme = id.scheme().toUpperCase(Locale.ROOT);
        if (id.place() == Place.VAT) {
            return group(SE_VAT, value);
        }
        if ("0007".equals(scheme) || "SE:ORGNR".equals(scheme)
                || (scheme.isEmpty() && id.place() == Place.LEGAL_ENTITY && "SE".equals(country))) {
            Matcher m = SE_ORG.matcher(value);
            return m.matches() ? Optional.of(m.group(1) + m.group(2)) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * Whether the party is identified as an organisation: a legal entity or VAT id, or an endpoint
     * or party id in an ISO 6523 organisation scheme (a four-digit ICD such as 0192, 0007, 0088) or
     * a legacy organisation scheme ({@code NO:ORGNR}, {@code GLN}, ...). A party with only
     * scheme-less, {@code ZZZ} or e-mail ({@code EM}) ids is not.
     */
    static boolean hasOrganisationId(List<PartyId> ids) {
        for (PartyId id : ids) {
            if (id.place() == Place.LEGAL_ENTITY || id.place() == Place.VAT) {
                return true;
            }
            String scheme = id.scheme().toUpperCase(Locale.ROOT);
            if (ICD.matcher(scheme).matches() || scheme.endsWith(":ORGNR") || scheme.endsWith(":CVR")
                    || scheme.endsWith(":VAT") || "GLN".equals(scheme) || "DUNS".equals(scheme)) {
                return true;
            }
        }
        return false;
    }

    private static NationalId nationalId(NationalIdScheme scheme, String value) {
        NationalId id = new NationalId();
        id.setScheme(scheme);
        id.setValue(value);
        return id;
    }

    private static Optional<String> group(Pattern pattern, String value) {
        Matcher m = pattern.matcher(value);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Without spaces, dots and case: {@code "no 987 654 325 mva"} → {@code NO987654325MVA}. */
    static String compact(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!Character.isWhitespace(c) && c != '.') {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString();
    }
}
