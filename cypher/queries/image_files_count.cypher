// How many image files image_files will page through, for a progress total.
MATCH (i:Image)
WHERE i.id STARTS WITH $prefix AND i.file IS NOT NULL
RETURN count(i) AS n
