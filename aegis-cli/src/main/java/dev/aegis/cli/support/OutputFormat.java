package dev.aegis.cli.support;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How commands print what they got: aligned text for people, JSON for scripts. */
public enum OutputFormat {
  TABLE,
  JSON;

  /** Reads {@code -o table} or {@code -o json}, in any case. */
  public static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected table or json, was '" + value + "'");
      }
    }
  }
}
