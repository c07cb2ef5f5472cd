package io.crosswatch.testkit.reference;

/**
 * A second connector named {@code memory}, deliberately not listed in this module's
 * {@code META-INF/services}: {@code ProviderTestKitTest} registers it through a child class
 * loader to see the kit report the duplicate and the missing registration.
 */
public class TwinMemoryConnector extends MemoryConnector {
}
