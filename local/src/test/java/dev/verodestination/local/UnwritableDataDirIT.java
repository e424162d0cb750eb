package dev.verodestination.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verodestination.config.InvalidSettingException;
import dev.verodestination.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #24, finding 2 (in part): a DATA_DIR the runner cannot write made it say "ready" and keep the
 * queues in memory only, with the queue store's stack traces in the log. It now refuses to start,
 * naming the folder. (A folder below a plain file stands in for a read-only one: tests run as root,
 * whom file modes do not stop.)
 */
class UnwritableDataDirIT {

  @Test
  void theRunnerRefusesToStartNamingTheFolderItCannotWrite(@TempDir Path folder) throws Exception {
    Path plainFile = Files.writeString(folder.resolve("not-a-folder"), "x");
    Path dataDir = plainFile.resolve("queues");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> LocalRunner.start(
        new Settings(Map.of("PORT", "0", "DATA_DIR", dataDir.toString())), new PrintStream(out, true, StandardCharsets.UTF_8)));
    assertEquals("setting DATA_DIR: the runner cannot write to " + dataDir + " (FileSystemException); accepted messages are kept there "
        + "until delivered: choose a folder it can write, or DATA_DIR=memory", refused.getMessage());
    assertFalse(out.toString(StandardCharsets.UTF_8).contains("ready"), "it never said ready");
  }
}
