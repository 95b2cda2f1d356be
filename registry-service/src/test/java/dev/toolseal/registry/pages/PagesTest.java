package dev.toolseal.registry.pages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pages' HTML as served: status, headers, content and escaping of hostile publisher text. */
@QuarkusTest
class PagesTest {

    /** Published once for the class: every test only reads it. */
    private static PageFixture fixture;

    @BeforeEach
    void publishOnce() {
        if (fixture == null) {
            fixture = PageFixture.publish();
        }
    }

    private static String page(String path, int status) {
        return given().get(path).then().statusCode(status).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", Pages.CSP).extract().asString();
    }

    @Test
    void theListFindsTheServerBySearch() {
        String html = page("/?q=" + fixture.namespace(), 200);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<html lang=\"en\">"));
        assertTrue(html.contains("href=\"/servers/" + fixture.server() + "\""));
        assertTrue(html.contains("1.1.0"));
        assertFalse(page("/?q=no-such-server-" + fixture.namespace(), 200).contains(fixture.server()));
    }

    @Test
    void aHostileDescriptionIsEscapedWithItsHiddenCharactersShown() {
        String base = "/servers/" + fixture.server();
        for (String path : new String[] {base, base + "/versions/1.1.0", base + "/diff"}) {
            String html = page(path, 200);
            assertFalse(html.contains("<script"), path);
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), path);
            assertFalse(html.contains("\u200E"), path);
            assertFalse(html.contains("\uDB40\uDC01"), path);
            assertTrue(html.contains(">&lt;U+200E&gt;</mark>"), path);
            assertTrue(html.contains(">&lt;U+E0001&gt;</mark>"), path);
        }
    }

    @Test
    void theSearchTextIsEscaped() {
        String html = given().queryParam("q", "<img src=x>\"").get("/").then().statusCode(200).extract().asString();
        assertFalse(html.contains("<img src=x>"));
        assertTrue(html.contains("&lt;img src=x&gt;&quot;"));
    }

    @Test
    void theServerPageShowsVersionsKeyReviewToolsAndDiff() {
        String html = page("/servers/" + fixture.server(), 200);
        assertTrue(html.contains("href=\"/servers/" + fixture.server() + "/versions/1.0.0\""));
        assertTrue(html.contains("href=\"/servers/" + fixture.server() + "/versions/1.1.0\""));
        assertTrue(html.contains("src=\"/v1/badges/" + fixture.server() + "/1.1.0.svg\""));
        assertTrue(html.contains("review failed"));
        assertTrue(html.contains(fixture.publisherKeyId()));
        // both keys were bound first come: marked unproven, the assessor's chosen name never as its title
        assertFalse(html.contains("FAILED by " + fixture.assessor()));
        assertTrue(html.contains("FAILED by an unproven assessor"));
        assertTrue(html.contains("<strong class=\"bad\">unproven</strong>"));
        assertTrue(html.contains(PageFixture.FINDING));
        assertTrue(html.contains("Changes from 1.0.0 to 1.1.0"));
        assertTrue(html.contains("class=\"line add\""));
        assertTrue(html.contains("/v1/servers/" + fixture.server() + "/versions/1.1.0/bundle"));
        assertEquals(1, count(html, "<h1>"));
    }

    @Test
    void aModernEraReleaseShowsItsDiscoverInstructionsAndIdentity() {
        SigningKey publisher = KeyPairs.generate();
        String namespace = Signed.freshNamespace();
        String server = namespace + "/weather";
        Signed.post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
        Envelope release = Signed.sign(new Release(new ReleaseName(server, "2.0.0"), Signed.modernManifest(server,
                "2.0.0", "Forecasts, modern.", "Use forecast for the <b>weather</b>.")).toStatement(), publisher);
        Signed.post("/v1/releases", release).then().statusCode(201);
        String html = page("/servers/" + server, 200);
        assertTrue(html.contains("Weather for " + server), html);
        assertTrue(html.contains("Use forecast for the &lt;b&gt;weather&lt;/b&gt;."), html);
        assertTrue(html.contains("Forecasts, modern."), html);
    }

    @Test
    void theFirstVersionHasNoDiffAndNoHiddenCharacters() {
        String html = page("/servers/" + fixture.server() + "/versions/1.0.0", 200);
        assertTrue(html.contains("This is the first version"));
        assertEquals(0, count(html, "title=\"invisible character\""));
        assertEquals(0, count(html, "<p class=\"warning\">"));
        assertTrue(html.contains("signed, unreviewed"));
    }

    @Test
    void theDiffPageComparesAnyTwoVersions() {
        String base = "/servers/" + fixture.server() + "/diff";
        String html = page(base + "?from=1.0.0&to=1.1.0", 200);
        assertTrue(html.contains("class=\"line add\""));
        assertTrue(html.contains(">&lt;U+200E&gt;</mark>"));
        assertTrue(page(base, 200).contains("class=\"line add\""));
        assertTrue(page(base + "?from=1.1.0&to=1.1.0", 200).contains("No changes"));
        page(base + "?from=1.0.0", 400);
        page(base + "?from=1.0.0&to=9.9.9", 404);
    }

    @Test
    void unknownServersGetAnHtmlNotFoundPage() {
        String html = page("/servers/" + fixture.namespace() + "/nothing", 404);
        assertTrue(html.contains("<h1>"));
        page("/servers/" + fixture.server() + "/versions/0.0.1", 404);
        page("/?cursor=!!!", 400);
    }

    @Test
    void theLogPageShowsTheCheckpointAndRecentEntries() {
        String html = page("/transparency-log", 200);
        Matcher size = Pattern.compile("<dt>Entries \\(tree size\\)</dt><dd>(\\d+)</dd>").matcher(html);
        assertTrue(size.find());
        assertTrue(Long.parseLong(size.group(1)) >= 5);
        assertTrue(html.contains("toolseal.local/log"));
        assertTrue(html.contains("/log/key"));
        assertTrue(html.contains("href=\"/v1/log/entries/"));
    }

    @Test
    void theStylesheetIsServedAndCached() {
        String etag = given().get(PagesResource.CSS_PATH).then().statusCode(200).contentType(startsWith("text/css"))
                .body(containsString("mark.hidden-char")).extract().header("ETag");
        given().header("If-None-Match", etag).get(PagesResource.CSS_PATH).then().statusCode(304);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
