@missing true
@classLabel true a
@data
1,?,nan:a
1e39,-inf,2:a
