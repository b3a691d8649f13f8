package dev.aegis.core.id;

import com.github.f4b6a3.ulid.UlidFactory;
import java.time.Clock;
import java.util.Random;

/** Makes time-ordered ids (a type prefix and a ULID), so that ordering by id is ordering by creation. */
public final class IdGenerator {
  private final UlidFactory factory;

  public IdGenerator(Clock clock, Random random) {
    this.factory = UlidFactory.newMonotonicInstance(random, clock::millis);
  }

  public static IdGenerator system() {
    return new IdGenerator(Clock.systemUTC(), new java.security.SecureRandom());
  }

  /** A new id such as {@code ten_01JD3...}; the prefix names the kind of object. */
  public String next(String prefix) {
    return prefix + "_" + factory.create().toLowerCase();
  }
}
