package no.inkasso.gateway.ehf;

import java.util.EnumMap;
import java.util.Map;

/** The compiled PEPPOL rules and a reader per schematron mode, made once for the whole test run (compiling takes seconds). */
final class SharedRules {

    static final SchematronValidator RULES = SchematronValidator.peppolBis3();
    private static final Map<SchematronMode, EhfReader> READERS = new EnumMap<>(SchematronMode.class);

    private SharedRules() {
    }

    static synchronized EhfReader reader(SchematronMode mode) {
        return READERS.computeIfAbsent(mode, m -> new EhfReader(EhfSettings.defaults().withSchematron(SchematronPolicy.always(m)), RULES));
    }
}
