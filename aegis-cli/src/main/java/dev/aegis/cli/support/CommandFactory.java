package dev.aegis.cli.support;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Makes commands that take the {@link CliContext} in their constructor; everything else as picocli would. */
public final class CommandFactory implements CommandLine.IFactory {
  private final CliContext context;

  public CommandFactory(CliContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> constructor;
    try {
      constructor = type.getDeclaredConstructor(CliContext.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
    constructor.setAccessible(true);
    return constructor.newInstance(context);
  }
}
