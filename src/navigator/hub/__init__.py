"""The coordinating agency's hub: administration use cases that need no laptop database.

Kept apart from `navigator.desk` (a volunteer's use cases): the desk never imports it.
"""
