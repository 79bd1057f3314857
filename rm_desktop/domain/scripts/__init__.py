"""Standard scripts (话术): templates with ``{placeholders}`` filled in from the client file.

Modules: ``template`` (parse/render), ``placeholders`` (catalogue, build_context),
``formatting`` (Chinese dates, amounts), ``sms`` (length and segment count), ``model``
(categories, channels, ScriptTemplate), ``builtin`` (shipped scripts), ``share`` (JSON/dict
exchange).
"""
