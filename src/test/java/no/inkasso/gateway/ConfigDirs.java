package no.inkasso.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A temporary configuration folder for a test's own agencies.yml, with the project's rule files copied in. */
public final class ConfigDirs {

    private ConfigDirs() {
    }

    public static Path withRules(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        Files.createDirectories(dir.resolve("rules"));
        try (Stream<Path> rules = Files.list(Path.of("config/rules"))) {
            for (Path file : rules.toList()) {
                Files.copy(file, dir.resolve("rules").resolve(file.getFileName()));
            }
        }
        return dir;
    }
}
