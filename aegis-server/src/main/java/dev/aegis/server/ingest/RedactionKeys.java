package dev.aegis.server.ingest;

import dev.aegis.core.AegisException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's redaction hash key, derived as HMAC-SHA256 of the tenant id under one server secret. The secret
 * lives outside the database (configuration, or {@code <data dir>/redaction.key}, mode 0600), so a copy of the
 * database alone cannot confirm guesses of redacted values.
 */
final class RedactionKeys {
  static final String FILE_NAME = "redaction.key";
  private static final Logger LOG = LoggerFactory.getLogger(RedactionKeys.class);

  private final byte[] secret;

  private RedactionKeys(byte[] secret) {
    this.secret = secret;
  }

  /** From the configured secret, else the key file in the data directory (made on first start). */
  static RedactionKeys resolve(String configured, Path dataDir) {
    if (configured != null) {
      return new RedactionKeys(configured.getBytes(StandardCharsets.UTF_8));
    }
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
          write(file, HexFormat.of().formatHex(fresh) + "\n");
          LOG.info("Created the redaction key in {} (readable only by this user); keep it with the database", file);
        } catch (FileAlreadyExistsException e) {
          // another process made it first; read theirs
        }
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (text.length() < 32) {
        throw new AegisException("The redaction key in " + file + " must be at least 32 characters;"
            + " restore it from a backup (tags made with another key no longer correlate)");
      }
      if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
          && !PosixFilePermissions.toString(Files.getPosixFilePermissions(file)).endsWith("------")) {
        LOG.warn("The redaction key file {} can be read by other users; run: chmod 600 {}", file, file);
      }
      return new RedactionKeys(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AegisException("Cannot read or create the redaction key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Creates the file with its final permissions in one step, so that it is never readable by others. */
  private static void write(Path file, String key) throws IOException {
    FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
        : new FileAttribute<?>[0];
    try (SeekableByteChannel channel = Files.newByteChannel(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly)) {
      ByteBuffer bytes = ByteBuffer.wrap(key.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      if (channel instanceof FileChannel fileChannel) {
        fileChannel.force(true);
      }
    }
  }

  /** The tenant's 32-byte key; the same for every server that shares the secret. */
  byte[] forTenant(String tenantId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(("aegis/redaction/v1/" + tenantId).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  @Override
  public String toString() {
    return "RedactionKeys[(hidden)]";
  }
}
