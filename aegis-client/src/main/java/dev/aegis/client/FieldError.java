package dev.aegis.client;

/**
 * One thing wrong with a request, from a problem's {@code errors} list.
 *
 * @param pointer a JSON pointer into the request body, such as {@code /roles/0}, or null
 * @param parameter the query parameter at fault, such as {@code limit}, or null
 * @param detail what is wrong and what would be right
 */
public record FieldError(String pointer, String parameter, String detail) {
  /** The pointer, else the parameter, else an empty string: what to show in front of the detail. */
  public String location() {
    if (pointer != null && !pointer.isEmpty()) {
      return pointer;
    }
    return parameter != null ? parameter : "";
  }
}
