package dev.aegis.server.auth;

import dev.aegis.core.AegisException;
import dev.aegis.core.auth.KeySecrets;
import dev.aegis.server.secret.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the bootstrap admin key: from configuration, else from {@code <data dir>/admin.key}, else a new one written
 * there with mode 0600. The key itself is never logged; only where it is.
 */
public final class AdminKeyFile {
  public static final String FILE_NAME = "admin.key";
  private static final Logger LOG = LoggerFactory.getLogger(AdminKeyFile.class);
  private static final int MIN_LENGTH = 16;

  private AdminKeyFile() {}

  /**
   * @param configured the key from configuration, or null
   * @param dataDir the data directory, created if missing
   * @param secrets makes a new key when there is none
   */
  public static String resolve(String configured, Path dataDir, KeySecrets secrets) {
    if (configured != null) {
      LOG.info("Using the admin key from the admin.key setting");
      return configured;
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        return read(file);
      }
      String key = secrets.newSecret();
      try {
        PrivateFiles.createNew(file, key + "\n");
      } catch (FileAlreadyExistsException e) {
        return read(file); // another process made it first; use theirs
      }
      LOG.info("Created an admin key in {} (readable only by this user); send it as 'Authorization: Bearer <key>'",
          file);
      return key;
    } catch (IOException e) {
      throw new AegisException("Cannot read or create the admin key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) throws IOException {
    String key = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (key.length() < MIN_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
      throw new AegisException("The admin key in " + file + " must be at least " + MIN_LENGTH
          + " characters without spaces; fix it, or delete the file to have a new key made");
    }
    if (PrivateFiles.isReadableByOthers(file)) {
      LOG.warn("The admin key file {} can be read by other users; run: chmod 600 {}", file, file);
    }
    LOG.info("Using the admin key in {}", file);
    return key;
  }
}
