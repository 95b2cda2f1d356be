package dev.toolseal.registry.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.registry.log.LogEngine;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The generated {@link BadInputCorpus}: every case gets a 4xx problem with a type, none a 5xx,
 * and no registry table or the log grows. The reliability suite sends the same corpus to a
 * packaged registry process.
 */
@QuarkusTest
class BadInputCorpusTest {

    @Inject
    DataSource dataSource;

    @Inject
    LogEngine engine;

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyCaseIsRefusedWithAProblemAndNothingIsStored() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        BadInputCorpus corpus = BadInputCorpus.prepare(http, base);
        assertTrue(corpus.cases().size() >= 200, "corpus size " + corpus.cases().size());
        RegistrySnapshot before = RegistrySnapshot.take(dataSource, engine);

        List<BadInputCorpus.Outcome> outcomes = corpus.run();

        List<BadInputCorpus.Outcome> wrong = outcomes.stream().filter(o -> !o.refusedProperly()).toList();
        assertEquals(List.of(), wrong.stream().map(Object::toString).toList(),
                wrong.size() + " of " + outcomes.size() + " cases not refused with a 4xx problem");
        assertEquals(before, RegistrySnapshot.take(dataSource, engine));
        // more than one kind of refusal: the corpus reaches the parsers, the signature checks and the state checks
        assertTrue(outcomes.stream().collect(Collectors.groupingBy(BadInputCorpus.Outcome::type)).size() >= 10);
    }
}
