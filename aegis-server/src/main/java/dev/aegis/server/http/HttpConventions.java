package dev.aegis.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegis.core.store.StoreException;
import dev.aegis.server.config.HttpConfig;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.slf4j.MDC;

/**
 * Installs the conventions every route shares: request ids, the body size limit, problem answers for every error
 * (Javalin's and Jetty's own included) and the access log.
 */
public final class HttpConventions {
  private HttpConventions() {}

  public static void install(JavalinConfig config, HttpConfig http, ObjectMapper mapper) {
    ProblemResponses problems = new ProblemResponses(mapper);
    long maxBodyBytes = http.maxBodyBytes();

    config.jsonMapper(new JavalinJackson(mapper, true));
    config.appData(JsonBody.MAX_BYTES, maxBodyBytes);
    config.appData(JsonBody.MAPPER, mapper);
    config.http.maxRequestSize = maxBodyBytes;
    config.http.prefer405over404 = true;
    config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemErrorHandler(mapper)));

    config.routes.before(ctx -> {
      String requestId = RequestIds.of(ctx);
      ctx.header(RequestIds.HEADER, requestId);
      MDC.put(RequestIds.MDC_KEY, requestId);
      // refuse a declared oversize body before reading any of it; chunked bodies are counted as they are read
      if (ctx.req().getContentLengthLong() > maxBodyBytes) {
        throw JsonBody.tooLarge(maxBodyBytes);
      }
    });
    config.routes.exception(ProblemException.class, problems::problem);
    config.routes.exception(HttpResponseException.class, problems::javalin);
    config.routes.exception(StoreException.class, problems::storeDown);
    config.routes.exception(Exception.class, problems::unexpected);
    config.routes.after(problems::ensureProblemBody);
    config.requestLogger.http(new AccessLog());
  }
}
