package dev.verodestination.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void blankValuesCountAsUnsetAndValuesAreTrimmed() {
    Settings settings = new Settings(Map.of("A", "  ", "B", " value "));
    assertEquals(Optional.empty(), settings.optional("A"));
    assertEquals(Optional.empty(), settings.optional("MISSING"));
    assertEquals("value", settings.required("B"));
  }

  @Test
  void aMissingRequiredSettingIsNamed() {
    InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new Settings(Map.of()).required("QUEUE_URL"));
    assertEquals("missing required setting QUEUE_URL", e.getMessage());
    assertEquals("missing required setting WRITE_KEYS",
        assertThrows(InvalidSettingException.class, () -> new Settings(Map.of("WRITE_KEYS", " , ,")).requiredList("WRITE_KEYS"))
            .getMessage());
  }

  @Test
  void aRenamedSettingIsStillReadByItsFormerNameWithAWarningThatNamesBothAndNotTheValue() {
    Settings former = new Settings(Map.of("WEBHOOK_SHARED_SECRET", "s3cret-s3cret-s3cret"));
    assertEquals(Optional.of("s3cret-s3cret-s3cret"), former.optional("SEGMENT_WEBHOOK_SECRET"));
    assertEquals(List.of("setting WEBHOOK_SHARED_SECRET is now named SEGMENT_WEBHOOK_SECRET; the old name still works, rename it"),
        former.renameWarnings());
    Settings both = new Settings(Map.of("WEBHOOK_SHARED_SECRET", "old-old-old-old-old", "SEGMENT_WEBHOOK_SECRET", "new-new-new-new-new"));
    assertEquals(Optional.of("new-new-new-new-new"), both.optional("SEGMENT_WEBHOOK_SECRET"), "the current name wins");
    assertEquals(List.of(), both.renameWarnings());
    assertEquals(List.of(), new Settings(Map.of()).renameWarnings());
  }

  @Test
  void listsDropBlankItems() {
    assertEquals(List.of("k1", "k2"), new Settings(Map.of("WRITE_KEYS", " k1 ,, k2 ,")).list("WRITE_KEYS"));
    assertEquals(List.of(), new Settings(Map.of()).list("WRITE_KEYS"));
  }

  @Test
  void integersHaveADefaultAndBoundsAndTheErrorNamesTheSettingNotItsValue() {
    assertEquals(10, new Settings(Map.of()).integer("RETRY_BASE_SECONDS", 10, 0, 100));
    assertEquals(0, new Settings(Map.of("N", "0")).integer("N", 10, 0, 100));
    assertEquals(100, new Settings(Map.of("N", "100")).integer("N", 10, 0, 100));
    for (String bad : new String[] {"101", "-1", "ten", "1.5", "99999999999"}) {
      InvalidSettingException e = assertThrows(InvalidSettingException.class,
          () -> new Settings(Map.of("N", bad)).integer("N", 10, 0, 100), bad);
      assertEquals("setting N must be a whole number from 0 to 100", e.getMessage());
    }
  }

  @Test
  void urlsMustBeAbsoluteAndTheErrorNeverEchoesTheValue() {
    assertEquals(URI.create("https://api.getvero.com/api/v2"), new Settings(Map.of()).uri("VERO_API_URL", "https://api.getvero.com/api/v2"));
    assertEquals(URI.create("http://127.0.0.1:8080/v1"), new Settings(Map.of("U", "http://127.0.0.1:8080/v1")).uri("U", "https://x.test"));
    for (String bad : new String[] {"not a url", "/relative/path", "api.getvero.com"}) {
      InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new Settings(Map.of("U", bad)).uri("U", "https://x.test"));
      assertEquals("setting U must be an absolute http(s) URL", e.getMessage());
      assertFalse(e.getMessage().contains(bad));
    }
  }

  @Test
  void aChoiceIsOneOfItsWordsInAnyCaseOrItsDefaultAndAnythingElseNamesTheSettingAndTheWords() {
    assertEquals("failures", new Settings(Map.of("VERO_CALL_LINES", " Failures ")).choice("VERO_CALL_LINES", "all", "all", "failures"));
    assertEquals("all", new Settings(Map.of()).choice("VERO_CALL_LINES", "all", "all", "failures"));
    InvalidSettingException e = assertThrows(InvalidSettingException.class,
        () -> new Settings(Map.of("VERO_CALL_LINES", "some")).choice("VERO_CALL_LINES", "all", "all", "failures"));
    assertEquals("setting VERO_CALL_LINES must be all or failures", e.getMessage());
  }
}
