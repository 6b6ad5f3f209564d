"""The gates over what is published: the fidelity audit, the links, the markup. Each raises its
typed error; none imports a cleaning pass (the audit reads what the model recorded)."""
