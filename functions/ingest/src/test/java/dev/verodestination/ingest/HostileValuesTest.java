package dev.verodestination.ingest;

import static dev.verodestination.ingest.PlannerFixtures.plan;
import static dev.verodestination.ingest.PlannerFixtures.planner;
import static dev.verodestination.ingest.PlannerFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verodestination.ingest.IngestResult.Plan;
import dev.verodestination.ingest.IngestResult.Refused;
import dev.verodestination.ingest.IngestResult.Rejected;
import dev.verodestination.json.Json;
import dev.verodestination.queue.SqsText;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values a public write key lets anyone send: each is bounded before it is converted, and rejected alone. */
class HostileValuesTest {

  @Test
  void aHugeExponentAsAnIdIsRejectedWithoutEverBeingWrittenOut() {
    // issue #11, defect 1: 1e999999999 as userId ran ingest out of memory (toPlainString)
    Refused refused = assertInstanceOf(Refused.class, planner().planPost(request("/v1/track", "{\"userId\":1e999999999,\"event\":\"x\"}")));
    assertEquals(400, refused.status());
    assertEquals("\"userId\" is a number whose digits would be longer than an id can be (255 characters)", refused.error());
    Plan plan = plan("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":1e99999999,\"event\":\"x\"},"
        + "{\"type\":\"group\",\"userId\":\"u\",\"groupId\":-1e300},{\"type\":\"track\",\"userId\":12.5e1,\"event\":\"ok\"}]}");
    assertEquals(List.of(new Rejected(0, "\"userId\" is a number whose digits would be longer than an id can be (255 characters)"),
        new Rejected(1, "\"groupId\" is a number whose digits would be longer than an id can be (255 characters)")), plan.rejected());
    assertEquals("125", plan.accepted().get(0).personId(), "an ordinary decimal id still reads as its digits");
  }

  @Test
  void whatIngestAcceptsDeliverCanReadBack() throws Exception {
    // issue #11, defect 9: a 100-character number was written as 101 digits, which deliver refused as "not valid JSON"
    String longest = "9." + "9".repeat(95) + "e-5";
    assertEquals(100, longest.length());
    Plan plan = plan("/v1/batch", "{\"batch\":[{\"type\":\"track\",\"userId\":\"u\",\"event\":\"n\",\"properties\":{\"n\":" + longest + "}},"
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"n\",\"properties\":{\"n\":1.5}}]}");
    for (AcceptedMessage accepted : plan.accepted()) {
      Json.MAPPER.readTree(accepted.body());
    }
    assertEquals(List.of(new Rejected(0, "\"properties.n\" is a number longer than 100 characters once written out")), plan.rejected());
  }

  @Test
  void aCharacterSqsCannotCarryRejectsItsMessageAloneWithThePlaceItIs() {
    // issue #11, defect 2: U+FFFE, U+FFFF and lone surrogates passed validation and SQS refused the whole batch
    Plan plan = plan("/v1/batch", "{\"batch\":["
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"a\\uFFFF\"},"
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"ok\",\"properties\":{\"k\\uFFFEy\":1}},"
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"ok\",\"context\":{\"traits\":{\"name\":\"\\uD800x\"}}},"
        + "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"fine \\uD83D\\uDE00 and \\u0000\"}]}");
    assertEquals(List.of(
        new Rejected(0, "\"event\" holds a character SQS cannot carry (U+FFFF)"),
        new Rejected(1, "a key in \"properties\" holds a character SQS cannot carry (U+FFFE)"),
        new Rejected(2, "\"context.traits.name\" holds a character SQS cannot carry (U+D800)")), plan.rejected());
    assertEquals(1, plan.accepted().size(), "an emoji and a NUL are fine: JSON escapes the NUL, the emoji is a pair");
    assertTrue(SqsText.isSafe(plan.accepted().get(0).body()));
  }
}
