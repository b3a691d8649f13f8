package dev.aegis.server.ingest.otlp;

import java.util.Locale;
import java.util.Optional;

/** The two encodings of OTLP/HTTP; the response is encoded as the request was. */
public enum OtlpFormat {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private final String mediaType;

  OtlpFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  /** The format a {@code Content-Type} header names (parameters such as {@code charset} are ignored). */
  public static Optional<OtlpFormat> of(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    for (OtlpFormat format : values()) {
      if (format.mediaType.equals(media)) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }
}
