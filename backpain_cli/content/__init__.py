"""The content: find the folder, read its YAML safely with lines, check it, build the models.

- locate: which content folder is in use, and copying the built-in one
- files: the names of the files a content folder holds
- yamlread, document: YAML into plain values, with the line of every field
- schemas, check: the JSON Schemas of the files, and the checker
- load: every file read and checked, then built into a Catalog
- cache: checked files kept between runs, so a glance does not re-parse YAML
"""
