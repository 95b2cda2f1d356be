package dev.toolseal.registry.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostmasterPidFileTest {

    @Test
    void readsPidAndDataDirectory() {
        var file = PostmasterPidFile.parse(List.of("4242", "/srv/data/postgres", "1764078297", "5432", "/tmp"));
        assertEquals(new PostmasterPidFile(4242, "/srv/data/postgres"), file.orElseThrow());
    }

    @Test
    void truncatedOrGarbledFilesReadAsAbsent() {
        for (List<String> lines : List.of(List.<String>of(), List.of("4242"), List.of("4242", ""),
                List.of("", "/d"), List.of("-1", "/d"), List.of("0", "/d"), List.of("12a", "/d"),
                List.of("99999999999", "/d"))) {
            assertTrue(PostmasterPidFile.parse(lines).isEmpty(), lines.toString());
        }
    }
}
