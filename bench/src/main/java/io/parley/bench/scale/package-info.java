/**
 * The scale a bot reaches: many established connections between two agents over two relays,
 * one alert fanned out to all of them, and the receiving agent restarted and re-subscribed.
 */
package io.parley.bench.scale;
