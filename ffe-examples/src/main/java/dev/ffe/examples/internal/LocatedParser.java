package dev.ffe.examples.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ffe.examples.WorkflowFileException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Parses YAML or JSON into {@link Located} values, keeping every value's line and column and
 * replacing {@code ${NAME}} and {@code ${NAME:-default}} in texts with environment values ({@code
 * $${NAME}} stays literal). Jackson's tree model drops locations, so this walks the token stream
 * itself.
 *
 * <p>Thread-safe: holds no mutable state.
 */
public final class LocatedParser {
  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  private final Function<String, String> environment;

  /** Creates a parser that looks variables up in {@code environment} (null when unset). */
  public LocatedParser(Function<String, String> environment) {
    this.environment = environment;
  }

  /** True if {@code fileName} ends with {@code .json}; everything else is read as YAML. */
  public static boolean isJson(String fileName) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /**
   * Parses {@code text}.
   *
   * @throws WorkflowFileException naming the file, line and column on a syntax error, a duplicate
   *     key or an unset variable
   */
  public Located parse(String fileName, String text) {
    JsonFactory factory = isJson(fileName) ? JSON : YAML;
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new WorkflowFileException(fileName, 1, 1, "the file is empty: write a workflow");
      }
      Located root = read(fileName, p);
      if (p.nextToken() != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new WorkflowFileException(
            fileName,
            at.getLineNr(),
            at.getColumnNr(),
            "more than one document: a workflow file holds exactly one workflow");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new WorkflowFileException(
          fileName,
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          "syntax error: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new WorkflowFileException(fileName, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  private Located read(String file, JsonParser p) throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int column = at.getColumnNr();
    JsonToken token = p.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          Located.Fields fields = new Located.Fields();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation keyAt = p.currentTokenLocation();
            Located keyLocation = new Located(key, keyAt.getLineNr(), keyAt.getColumnNr());
            p.nextToken();
            Located value = read(file, p);
            if (!fields.put(key, keyLocation, value)) {
              throw new WorkflowFileException(
                  file,
                  keyLocation.line(),
                  keyLocation.column(),
                  "duplicate key '" + key + "': write each field once");
            }
          }
          return new Located(fields, line, column);
        }
      case START_ARRAY:
        {
          List<Located> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(read(file, p));
          }
          return new Located(List.copyOf(items), line, column);
        }
      case VALUE_STRING:
        return new Located(substitute(file, line, column, p.getText()), line, column);
      case VALUE_NUMBER_INT:
        return new Located(p.getLongValue(), line, column);
      case VALUE_NUMBER_FLOAT:
        return new Located(p.getDoubleValue(), line, column);
      case VALUE_TRUE:
        return new Located(Boolean.TRUE, line, column);
      case VALUE_FALSE:
        return new Located(Boolean.FALSE, line, column);
      case VALUE_NULL:
        return new Located(null, line, column);
      default:
        throw new WorkflowFileException(
            file, line, column, "unexpected " + token + ": use maps, lists and plain values");
    }
  }

  private String substitute(String file, int line, int column, String text) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '$' && text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (c == '$' && text.startsWith("${", i)) {
        int end = text.indexOf('}', i);
        if (end < 0) {
          throw new WorkflowFileException(
              file, line, column, "unclosed '${' in '" + text + "': write ${NAME}");
        }
        String name = text.substring(i + 2, end);
        String fallback = null;
        int dash = name.indexOf(":-");
        if (dash >= 0) {
          fallback = name.substring(dash + 2);
          name = name.substring(0, dash);
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new WorkflowFileException(
              file,
              line,
              column,
              "'${"
                  + name
                  + "}' is not a variable name: use letters, digits and '_',"
                  + " optionally with a default: ${NAME:-default}");
        }
        String value = environment.apply(name);
        if (value == null) {
          value = fallback;
        }
        if (value == null) {
          throw new WorkflowFileException(
              file,
              line,
              column,
              "environment variable "
                  + name
                  + " is not set: export it, give a default with ${"
                  + name
                  + ":-default}, or write $${"
                  + name
                  + "} for a literal ${"
                  + name
                  + "}");
        }
        out.append(value);
        i = end + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
