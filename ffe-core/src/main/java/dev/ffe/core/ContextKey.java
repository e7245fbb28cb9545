package dev.ffe.core;

import java.util.Objects;

/**
 * A typed name for a value that steps share through the {@link StepContext}. Two keys are equal
 * when their names are equal; the type is checked when a value is read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the value
 */
public final class ContextKey<T> {
  private final String name;
  private final Class<T> type;

  private ContextKey(String name, Class<T> type) {
    this.name = name;
    this.type = type;
  }

  /** Creates a key; {@code name} must not be blank. */
  public static <T> ContextKey<T> of(String name, Class<T> type) {
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(type, "type == null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("context key name is blank: give the key a name");
    }
    return new ContextKey<>(name, type);
  }

  /** Returns the key's name. */
  public String name() {
    return name;
  }

  /** Returns the type of the values stored under this key. */
  public Class<T> type() {
    return type;
  }

  /** Casts a stored value to this key's type, naming the key when it does not fit. */
  public T cast(Object value) {
    if (!type.isInstance(value)) {
      throw new ClassCastException(
          "context value '"
              + name
              + "' is a "
              + value.getClass().getName()
              + ", not a "
              + type.getName()
              + ": read it with a key of the type it was stored with");
    }
    return type.cast(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContextKey<?> other && other.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "ContextKey[" + name + ": " + type.getSimpleName() + "]";
  }
}
