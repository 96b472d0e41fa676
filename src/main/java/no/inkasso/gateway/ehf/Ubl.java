package no.inkasso.gateway.ehf;

import com.helger.xsds.ccts.cct.schemamodule.AmountType;
import com.helger.xsds.ccts.cct.schemamodule.CodeType;
import com.helger.xsds.ccts.cct.schemamodule.IdentifierType;
import com.helger.xsds.ccts.cct.schemamodule.TextType;
import java.math.BigDecimal;
import java.time.LocalDate;
import oasis.names.specification.ubl.schema.xsd.unqualifieddatatypes_21.DateType;

/** Null-safe values out of ph-ubl21's wrapper types: trimmed, and null when absent or blank. */
final class Ubl {

    private Ubl() {
    }

    static String text(TextType value) {
        return value == null ? null : blankToNull(value.getValue());
    }

    static String text(IdentifierType value) {
        return value == null ? null : blankToNull(value.getValue());
    }

    static String text(CodeType value) {
        return value == null ? null : blankToNull(value.getValue());
    }

    static BigDecimal amount(AmountType value) {
        return value == null ? null : value.getValue();
    }

    static LocalDate date(DateType value) {
        return value == null ? null : value.getValueLocal();
    }

    static String blankToNull(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
