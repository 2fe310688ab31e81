@NullMarked
package io.mergelattice.service.replica;

import org.jspecify.annotations.NullMarked;
