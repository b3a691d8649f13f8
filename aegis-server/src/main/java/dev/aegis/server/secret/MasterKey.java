package dev.aegis.server.secret;

import dev.aegis.core.AegisException;
import dev.aegis.core.crypto.SecretBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key that seals secrets at rest: from configuration ({@code master.key}), else from
 * {@code <data dir>/master.key}, else a new random one written there with mode 0600. The key is never logged;
 * only where it is and its key id.
 */
public final class MasterKey {
  public static final String FILE_NAME = "master.key";
  private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);

  private MasterKey() {}

  /**
   * @param configured base64 of 32 bytes from configuration, or null
   * @param dataDir the data directory
   * @param random makes a new key when there is none
   * @return the 32 key bytes
   */
  public static byte[] resolve(String configured, Path dataDir, SecureRandom random) {
    if (configured != null) {
      byte[] key = Base64.getDecoder().decode(configured);
      LOG.info("Using the master key from the master.key setting (key id {})", SecretBox.keyId(key));
      return key;
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        return read(file);
      }
      byte[] key = new byte[SecretBox.KEY_BYTES];
      random.nextBytes(key);
      try {
        PrivateFiles.createNew(file, Base64.getEncoder().encodeToString(key) + "\n");
      } catch (FileAlreadyExistsException e) {
        return read(file); // another process made it first; use theirs
      }
      LOG.info("Created a master key in {} (key id {}, readable only by this user); back it up with the database:"
          + " without it, stored webhook secrets cannot be read", file, SecretBox.keyId(key));
      return key;
    } catch (IOException e) {
      throw new AegisException("Cannot read or create the master key file " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length != SecretBox.KEY_BYTES) {
      throw new AegisException("The master key in " + file + " must be base64 of " + SecretBox.KEY_BYTES
          + " bytes; restore it from a backup. Deleting it makes a new key, and every stored webhook secret"
          + " unreadable.");
    }
    if (PrivateFiles.isReadableByOthers(file)) {
      LOG.warn("The master key file {} can be read by other users; run: chmod 600 {}", file, file);
    }
    LOG.info("Using the master key in {} (key id {})", file, SecretBox.keyId(key));
    return key;
  }
}
