package no.inkasso.gateway.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsMadeOneAfterAnotherSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(TimeOrderedIds.next());
        }
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids).allSatisfy(id -> {
            assertThat(UUID.fromString(id).version()).isEqualTo(7);
            assertThat(UUID.fromString(id).variant()).isEqualTo(2);
        });
    }

    @Test
    void aMillisecondsSequenceThatRunsOutMovesToTheNextMillisecondAndKeepsTheVersion() {
        long millis = System.currentTimeMillis();
        long previous = TimeOrderedIds.nextMostSignificant(millis);
        for (int i = 0; i < 5_000; i++) {
            long next = TimeOrderedIds.nextMostSignificant(millis);
            assertThat(next).isGreaterThan(previous);
            assertThat((next >>> 12) & 0xF).as("version nibble").isEqualTo(7);
            previous = next;
        }
        assertThat(previous >>> 16).as("5,000 ids in one millisecond borrow the next ones").isGreaterThan(millis);
    }
}
