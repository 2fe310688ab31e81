/**
 * Host-side building blocks of the merge strategies (strategies spec §2.6, §2.11.4, §2.17 B6–B7): coefficient
 * iterations, the sign-consensus fitness and search streams, the Cholesky solve with ridge retries, Gram matrices
 * and the importance-weighted average shared by fisher_merge and regression_mean.
 *
 * <p>Determinism: host scalars are Java doubles with plain {@code + − × ÷}, {@link java.lang.Math#sqrt} and
 * {@link java.lang.StrictMath} for every other function; every Σseq is a sequential sum from 0.0 in the index order
 * the spec gives, and a nested Σseq is one running sum (§2.6). Reductions over tensor elements use the canonical
 * reduction R (§2.7). Every computed host value is checked against the overflow rule of §2.13.
 */
package io.mergelattice.strategies.host;
