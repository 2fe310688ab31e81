package io.mergelattice.strategy;

/**
 * A declared side artifact (strategies spec §2.1). Element-wise artifacts are rounded to P; host artifacts are
 * widened exactly to double and never rounded.
 */
public record ArtifactSpec(String name, boolean elementWise, String description) {
}
