namespace OrleansRemarks.Silo.Configuration;

/// <summary>The configuration cannot run a silo; the message names the setting and says what is wrong.</summary>
public sealed class SiloConfigurationException(string message) : Exception(message);
