package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.manifest.EntryKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure part of the send-time check: which part a request uses, and what a verdict lets out. */
class SendCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EntryKey ADD = EntryKey.parse("tool:add");

    private static JsonNode params(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void eachGatedRequestNamesItsPart() throws Exception {
        assertEquals(Optional.of(ADD), SendCheck.part("tools/call", params("{\"name\":\"add\",\"arguments\":{}}")));
        assertEquals(Optional.of(EntryKey.parse("prompt:p")), SendCheck.part("prompts/get", params("{\"name\":\"p\"}")));
        assertEquals(Optional.of(EntryKey.parse("resource:memo://a")),
                SendCheck.part("resources/read", params("{\"uri\":\"memo://a\"}")));
        for (String method : List.of("initialize", "ping", "tools/list", "prompts/list", "resources/list",
                "resources/templates/list")) {
            assertEquals(Optional.empty(), SendCheck.part(method, params("{}")));
        }
    }

    @Test
    void otherRequestsAndNamelessCallsAreRefused() throws Exception {
        for (String method : List.of("completion/complete", "resources/subscribe", "logging/setLevel", "x")) {
            assertEquals(Refusal.NOT_VERIFIED, assertThrows(GateRefusedException.class,
                    () -> SendCheck.part(method, params("{}"))).refusal());
        }
        for (String bad : List.of("{}", "{\"name\":7}", "{\"name\":null}", "null")) {
            assertThrows(GateRefusedException.class, () -> SendCheck.part("tools/call", params(bad)));
        }
    }

    @Test
    void onlyTheVerdictInForceOfTheCurrentSessionLetsAPartOut() throws Exception {
        Verdict accepting = new Verdict(2, new Decision.AcceptAll(), Set.of(ADD), List.of(), List.of());
        SendCheck.allow(ADD, accepting, true);
        assertEquals(Refusal.VERIFICATION_PENDING,
                assertThrows(GateRefusedException.class, () -> SendCheck.allow(ADD, null, true)).refusal());
        assertEquals(Refusal.VERIFICATION_PENDING,
                assertThrows(GateRefusedException.class, () -> SendCheck.allow(ADD, accepting, false)).refusal());
        assertEquals(Refusal.NOT_VERIFIED, assertThrows(GateRefusedException.class,
                () -> SendCheck.allow(EntryKey.parse("tool:run_shell"), accepting, true)).refusal());
        Verdict rejecting = Verdict.rejected(3, List.of(GateReason.server(GateReason.Kind.VERIFICATION_FAILED, "no")));
        GateRefusedException e = assertThrows(GateRefusedException.class, () -> SendCheck.allow(ADD, rejecting, true));
        assertEquals(Refusal.SERVER_REJECTED, e.refusal());
        assertEquals(Optional.of("add"), e.tool());
        assertEquals(rejecting.reasons(), e.reasons());
    }

    @Test
    void theGatesRefusalIsFoundInsideWhatTheSdkThrows() {
        GateRefusedException refused = new GateRefusedException(Refusal.NOT_VERIFIED, Optional.empty(), List.of());
        RuntimeException wrapped = new IllegalStateException(new RuntimeException(refused));
        assertEquals(Optional.of(refused), SendCheck.refusalIn(wrapped));
        assertEquals(Optional.empty(), SendCheck.refusalIn(new IllegalStateException("other")));
    }
}
