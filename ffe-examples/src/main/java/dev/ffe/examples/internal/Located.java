package dev.ffe.examples.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a parsed workflow file with the line and column it started at: a text, a number, a
 * boolean, null, a list of located values, or a map of located values (keys keep their own
 * locations, so an unknown field can be pointed at).
 *
 * @param value a String, Long, Double, Boolean, null, {@code List<Located>} or {@link Fields}
 * @param line 1-based line
 * @param column 1-based column
 */
public record Located(Object value, int line, int column) {

  /** The entries of a map in file order, each key with its own location. */
  public static final class Fields {
    private final Map<String, Located> values = new LinkedHashMap<>();
    private final Map<String, Located> keys = new LinkedHashMap<>();

    /** Adds an entry; returns false if the key was already present. */
    boolean put(String key, Located keyLocation, Located value) {
      if (values.containsKey(key)) {
        return false;
      }
      values.put(key, value);
      keys.put(key, keyLocation);
      return true;
    }

    /** Returns the entries in file order. */
    public Map<String, Located> values() {
      return values;
    }

    /** Returns where {@code key} was written. */
    public Located keyLocation(String key) {
      return keys.get(key);
    }
  }

  /** Returns a human name of the value's kind, for messages. */
  public String kind() {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "text '" + value + "'";
    }
    if (value instanceof Fields) {
      return "a map";
    }
    if (value instanceof List) {
      return "a list";
    }
    if (value instanceof Boolean) {
      return "boolean " + value;
    }
    return "number " + value;
  }

  /** Converts to plain Java values (maps, lists, scalars) for step parameters. */
  public Object plain() {
    if (value instanceof Fields f) {
      Map<String, Object> out = new LinkedHashMap<>();
      f.values().forEach((k, v) -> out.put(k, v.plain()));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object o : list) {
        out.add(((Located) o).plain());
      }
      return out;
    }
    return value;
  }
}
