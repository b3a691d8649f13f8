package dev.aegis.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.List;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises before a request reaches the routes (a malformed request line, headers that are
 * too large) with the same problem bodies as the routes do.
 */
final class JettyProblemErrorHandler extends ErrorHandler {
  private final ObjectMapper mapper;

  JettyProblemErrorHandler(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback callback) {
    String reason = HttpStatus.getMessage(code);
    // messages of other exceptions may describe internals; only HTTP errors are meant for the client
    String detail = cause == null || cause instanceof HttpException ? message : reason;
    String requestId = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
    String type = ProblemType.forStatus(code)
        .map(ProblemType::uri)
        .orElse(ProblemType.URN_PREFIX + ProblemType.slugForReason(reason));
    String title = ProblemType.forStatus(code).map(ProblemType::title).orElse(reason);
    Problem body = new Problem(
        type, title, code, detail == null ? reason : detail, Request.getPathInContext(request), requestId, List.of());
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      callback.failed(e);
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
    response.getHeaders().put(RequestIds.HEADER, requestId);
    if (code == HttpStatus.SERVICE_UNAVAILABLE_503) {
      response.getHeaders().put("Retry-After", ProblemResponses.RETRY_AFTER_SECONDS); // shutting down
    }
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
