package dev.toolseal.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndDocsTest {

    @Test
    void readyWhenTheDatabaseAnswers() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("transparency-log"));
    }

    @Test
    void live() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetrics() {
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("toolseal_log_append_queue_depth_entries"))
                .body(containsString("toolseal_log_integration_lag_entries"));
    }

    @Test
    void openApiDescribesTheLogApi() {
        given().accept("application/json").when().get("/q/openapi").then()
                .statusCode(200)
                .body(containsString("/log/key"))
                .body(containsString("/log/checkpoint"))
                .body(containsString("/v1/log/proof/inclusion"));
    }

    @Test
    void swaggerUi() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
