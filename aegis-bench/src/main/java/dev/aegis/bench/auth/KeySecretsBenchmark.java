package dev.aegis.bench.auth;

import dev.aegis.core.auth.KeySecrets;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The CPU cost of checking a presented key against its stored hash, paid on every authenticated request. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeySecretsBenchmark {
  private String secret;
  private String hash;

  @Setup
  public void setUp() {
    secret = new KeySecrets(new SecureRandom()).newSecret();
    hash = KeySecrets.hash(secret);
  }

  @Benchmark
  public boolean verifyPresentedKey() {
    return KeySecrets.prefixOf(secret).isPresent() && KeySecrets.matches(secret, hash);
  }
}
