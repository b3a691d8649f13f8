package dev.aegis.cli.support;

import dev.aegis.client.AegisApiException;
import dev.aegis.client.AegisClientException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns what a command threw into a message on stderr and an exit status; stack traces only for bugs. */
public final class ErrorHandler implements IExecutionExceptionHandler {
  private final CliContext context;

  public ErrorHandler(CliContext context) {
    this.context = context;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parseResult) {
    PrintWriter err = context.err();
    try {
      return switch (e) {
        case AegisApiException problem -> {
          if (context.output() == OutputFormat.JSON) {
            err.println(ProblemReport.json(problem));
          } else {
            ProblemReport.text(problem, hint(problem)).forEach(err::println);
          }
          yield ExitCodes.FAILED;
        }
        case AegisClientException failure -> {
          err.println("error: " + failure.getMessage());
          yield ExitCodes.FAILED;
        }
        case UsageException usage -> {
          err.println("error: " + usage.getMessage());
          err.println("see: " + command.getCommandSpec().qualifiedName() + " --help");
          yield ExitCodes.USAGE;
        }
        default -> {
          err.println("error: unexpected failure, please report it with what follows: " + e);
          e.printStackTrace(err);
          yield ExitCodes.FAILED;
        }
      };
    } finally {
      err.flush();
    }
  }

  private String hint(AegisApiException problem) {
    if (problem.status() != 401) {
      return null;
    }
    CliContext.ApiKeySource key = context.apiKey();
    if (!key.present()) {
      return "no API key was given: pass --key, set AEGIS_KEY, or run where ./aegis-data/admin.key is";
    }
    return "the key from " + key.origin() + " is unknown to this server, or was revoked";
  }
}
