@NullMarked
package io.mergelattice.service;

import org.jspecify.annotations.NullMarked;
