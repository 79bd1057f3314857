"""Key handling: the vault header (password-wrapped database key) and the OS keyring copy."""
