package dev.toolseal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.deploy.NginxConf.Directive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NginxConfTest {

    @Test
    void parsesNestedBlocksQuotesAndComments() throws Exception {
        List<Directive> conf = NginxConf.parse("""
                # comment
                events { worker_connections 8; }
                http {
                    server {
                        proxy_set_header Connection "";   # trailing comment
                        add_header X-A 'a;b{c}';
                        location = /x { return 204; }
                    }
                }
                """);
        assertEquals(List.of("events", "http"), conf.stream().map(Directive::name).toList());
        Directive header = NginxConf.find(conf, "proxy_set_header").get(0);
        assertEquals(List.of("Connection", ""), header.args());
        assertEquals(List.of("X-A", "a;b{c}"), NginxConf.find(conf, "add_header").get(0).args());
        assertEquals(List.of("=", "/x"), NginxConf.find(conf, "location").get(0).args());
        assertEquals(5, header.line());
    }

    @Test
    void rejectsBrokenSyntax() {
        for (String broken : List.of("a b", "http { a; ", "a; }", "{ a; }", "a \"unterminated;", "a { b }",
                "\"quoted\" name;")) {
            assertThrows(NginxConf.SyntaxException.class, () -> NginxConf.parse(broken), broken);
        }
    }

    @Test
    void durations() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), NginxCheck.duration("5s"));
        assertEquals(Optional.of(Duration.ofSeconds(60)), NginxCheck.duration("60"));
        assertEquals(Optional.of(Duration.ofDays(365)), NginxCheck.duration("1y"));
        assertEquals(Optional.of(Duration.ofMinutes(10)), NginxCheck.duration("10m"));
        assertEquals(Optional.empty(), NginxCheck.duration("soon"));
    }
}
