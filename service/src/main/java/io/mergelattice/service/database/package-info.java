@NullMarked
package io.mergelattice.service.database;

import org.jspecify.annotations.NullMarked;
