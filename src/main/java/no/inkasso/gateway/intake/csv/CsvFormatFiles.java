package no.inkasso.gateway.intake.csv;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a {@link CsvFormat} from its YAML file (config/sftp/*.yml); a wrong file is refused naming file and problem. */
public final class CsvFormatFiles {

    private static final JsonMapper YAML = JsonMapper.builder(new YAMLFactory())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CsvFormatFiles() {
    }

    public static CsvFormat read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CsvFormat format = YAML.readValue(in, CsvFormat.class);
            if (format == null) {
                throw new IllegalArgumentException("the file is empty");
            }
            return format;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("CSV format " + file + " cannot be used: " + e.getMessage(), e);
        }
    }
}
